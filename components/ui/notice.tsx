import type { ReactNode } from 'react';
import { cn } from './cn';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

type Tone = 'info' | 'error' | 'warning' | 'success';

const TONES: Record<Tone, string> = {
  info: 'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/60 dark:text-sky-200',
  error: 'border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200',
  warning: 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200',
};

/** An inline message. Errors are announced (role="alert"); the rest are plain text. */
export function Notice({ tone = 'info', title, children, className }: { tone?: Tone; title?: ReactNode; children?: ReactNode; className?: string }) {
  const Icon = tone === 'success' ? CheckIcon : tone === 'info' ? InfoIcon : AlertIcon;
  return (
    <div role={tone === 'error' ? 'alert' : undefined} className={cn('flex gap-2.5 rounded-lg border px-3 py-2.5 text-sm', TONES[tone], className)}>
      <Icon className="mt-0.5 size-4" />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="break-words">{children}</div> : null}
      </div>
    </div>
  );
}
