'use client';

import { useMemo, useRef, type UIEvent } from 'react';
import { cn } from '@/components/ui/cn';
import type { LocatedPolicyError } from './locate-policy-errors';

const LINE_PX = 20;
const PAD_PX = 8;
const MIN_ROWS = 10;
const MAX_ROWS = 28;

/**
 * A plain textarea for policy JSON with a line-number gutter. Lines with an error are marked in the gutter and
 * banded behind the text. Lines never wrap (wrap="off"), so gutter row n is text line n. Tab is left alone:
 * it moves focus, as everywhere else, rather than trapping keyboard users in the field.
 */
export function PolicyJsonEditor({
  id,
  value,
  onChange,
  errors,
  readOnly,
  describedBy,
  textareaRef,
}: {
  id: string;
  value: string;
  onChange?: (value: string) => void;
  errors: readonly LocatedPolicyError[];
  readOnly?: boolean;
  describedBy?: string;
  textareaRef?: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const bands = useRef<HTMLDivElement>(null);
  const lineCount = useMemo(() => value.split('\n').length, [value]);
  const errorLines = useMemo(() => new Set(errors.flatMap((e) => (e.line ? [e.line] : []))), [errors]);
  const rows = Math.min(MAX_ROWS, Math.max(MIN_ROWS, lineCount + 1));

  function syncScroll(e: UIEvent<HTMLTextAreaElement>) {
    const top = e.currentTarget.scrollTop;
    if (gutter.current) gutter.current.scrollTop = top;
    if (bands.current) bands.current.scrollTop = top;
  }

  const numbers = Array.from({ length: lineCount }, (_, i) => i + 1);
  return (
    <div
      className={cn(
        'relative flex overflow-hidden rounded-md border bg-white font-mono text-[13px] shadow-sm focus-within:ring-2 focus-within:ring-teal-600/40 dark:bg-slate-950',
        errors.length ? 'border-red-500 dark:border-red-500' : 'border-slate-300 dark:border-slate-700',
        readOnly && 'bg-slate-50 dark:bg-slate-900/60',
      )}
      style={{ height: rows * LINE_PX + 2 * PAD_PX + 12 }}
    >
      <div
        ref={gutter}
        aria-hidden="true"
        data-testid="policy-editor-gutter"
        className="w-11 shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 text-right text-slate-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400"
        style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX + 24 }}
      >
        {numbers.map((n) => (
          <div
            key={n}
            data-line={n}
            data-error={errorLines.has(n) || undefined}
            className={cn('pr-2 tabular-nums', errorLines.has(n) && 'bg-red-100 font-semibold text-red-700 dark:bg-red-950 dark:text-red-300')}
            style={{ height: LINE_PX, lineHeight: `${LINE_PX}px` }}
          >
            {n}
          </div>
        ))}
      </div>
      <div className="relative min-w-0 flex-1">
        <div
          ref={bands}
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 overflow-hidden"
          style={{ paddingTop: PAD_PX, paddingBottom: PAD_PX + 24 }}
        >
          {numbers.map((n) => (
            <div key={n} className={errorLines.has(n) ? 'bg-red-50 dark:bg-red-950/50' : undefined} style={{ height: LINE_PX }} />
          ))}
        </div>
        <textarea
          ref={textareaRef}
          id={id}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
          onScroll={syncScroll}
          readOnly={readOnly}
          wrap="off"
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
          autoCorrect="off"
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy}
          className="relative block h-full w-full resize-none overflow-auto whitespace-pre bg-transparent px-3 text-slate-900 outline-none dark:text-slate-100"
          style={{ lineHeight: `${LINE_PX}px`, paddingTop: PAD_PX, paddingBottom: PAD_PX, tabSize: 2 }}
        />
      </div>
    </div>
  );
}

/** Puts the caret at the start of a line and scrolls it into view. */
export function focusLine(textarea: HTMLTextAreaElement, line: number): void {
  const lines = textarea.value.split('\n');
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  textarea.focus();
  textarea.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
  textarea.scrollTop = Math.max(0, (line - 3) * LINE_PX);
}
