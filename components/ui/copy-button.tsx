'use client';

import { useEffect, useState } from 'react';
import { cn } from './cn';
import { CheckIcon, CopyIcon } from './icons';

/**
 * Copies `value`. navigator.clipboard needs a secure context, which a registry on plain HTTP over the LAN is not,
 * so it falls back to a hidden textarea and execCommand('copy').
 */
export async function copyText(value: string): Promise<boolean> {
  try {
    if (window.isSecureContext && navigator.clipboard) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // fall through to the legacy way
  }
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function CopyButton({ value, label, className, showText }: { value: string; label: string; className?: string; showText?: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(t);
  }, [state]);
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy';
  return (
    <button
      type="button"
      onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}
      aria-label={`Copy ${label}`}
      title={`Copy ${label}`}
      className={cn(
        'inline-flex h-7 shrink-0 items-center justify-center gap-1 rounded-md px-1.5 text-xs font-medium text-slate-500 transition-colors hover:bg-slate-200/70 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-700/70 dark:hover:text-slate-100',
        state === 'copied' && 'text-emerald-700 dark:text-emerald-400',
        className,
      )}
    >
      {state === 'copied' ? <CheckIcon className="size-3.5" /> : <CopyIcon className="size-3.5" />}
      {showText ? <span className="w-12 text-left">{text}</span> : null}
      <span className="sr-only" aria-live="polite">
        {state === 'idle' ? '' : text}
      </span>
    </button>
  );
}
