import { createElement, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './parse-markdown';

/**
 * Renders a Markdown description as React elements (see parse-markdown.ts: no HTML passes through). Headings are
 * shifted down one level, so a description's `#` sits under the page's own heading.
 */
export function Markdown({ source }: { source: string }) {
  return <div className="space-y-4 text-[15px] leading-7 text-slate-800 dark:text-slate-200">{parseMarkdown(source).map(renderBlock)}</div>;
}

const HEADING_CLASS = [
  'text-xl font-semibold mt-6 first:mt-0',
  'text-lg font-semibold mt-6 first:mt-0',
  'text-base font-semibold mt-5 first:mt-0',
  'text-base font-semibold mt-4 first:mt-0',
  'text-sm font-semibold mt-4 first:mt-0',
  'text-sm font-semibold mt-4 first:mt-0',
];

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const level = Math.min(6, block.level + 1);
      return createElement(`h${level}`, { key, className: `${HEADING_CLASS[block.level - 1]} text-slate-900 dark:text-slate-50` }, renderInlines(block.children));
    }
    case 'paragraph':
      return <p key={key}>{renderInlines(block.children)}</p>;
    case 'code':
      return (
        <pre key={key} tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-[13px] leading-5 text-slate-100 dark:bg-black/40" data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i} className="pl-1">
          {renderInlines(item)}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start} className="list-decimal space-y-1 pl-6">
          {items}
        </ol>
      ) : (
        <ul key={key} className="list-disc space-y-1 pl-6">
          {items}
        </ul>
      );
    }
    case 'quote':
      return (
        <blockquote key={key} className="space-y-3 border-l-4 border-slate-300 pl-4 text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {block.children.map(renderBlock)}
        </blockquote>
      );
    case 'rule':
      return <hr key={key} className="border-slate-200 dark:border-slate-800" />;
  }
}

function renderInlines(inlines: Inline[]): ReactNode[] {
  return inlines.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return (
          <code key={i} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.85em] dark:bg-slate-800">
            {node.text}
          </code>
        );
      case 'strong':
        return <strong key={i}>{renderInlines(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInlines(node.children)}</em>;
      case 'break':
        return <br key={i} />;
      case 'link': {
        const external = /^(https?:)?\/\//i.test(node.href);
        return (
          <a
            key={i}
            href={node.href}
            className="font-medium text-teal-800 underline underline-offset-2 hover:text-teal-900 dark:text-teal-300 dark:hover:text-teal-200"
            rel="noopener noreferrer"
            {...(external ? { target: '_blank' } : {})}
          >
            {renderInlines(node.children)}
          </a>
        );
      }
    }
  });
}
