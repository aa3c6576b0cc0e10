'use client';

import { AlertIcon } from '@/components/ui/icons';
import type { LocatedPolicyError } from './locate-policy-errors';

/**
 * The problems of a policy document, each with the part it points at (`Statement[1].Action[0]`) and its line.
 * A line is a button that puts the caret there. Announced politely: it changes as the user types.
 */
export function PolicyErrorList({
  id,
  errors,
  onJump,
  source,
}: {
  id: string;
  errors: readonly LocatedPolicyError[];
  onJump: (line: number) => void;
  /** Where the errors come from, for the heading. */
  source: 'client' | 'server';
}) {
  return (
    <div id={id} aria-live="polite" className="min-h-5">
      {errors.length === 0 ? null : (
        <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200">
          <p className="flex items-center gap-2 font-medium">
            <AlertIcon className="size-4" />
            {source === 'server'
              ? `The server refused the document: ${errors.length === 1 ? '1 problem' : `${errors.length} problems`}`
              : errors.length === 1
                ? '1 problem in the document'
                : `${errors.length} problems in the document`}
          </p>
          <ul className="mt-1.5 space-y-1" data-testid="policy-errors">
            {errors.map((e, i) => (
              <li key={`${e.path}-${e.line ?? ''}-${i}`} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                {e.line ? (
                  <button
                    type="button"
                    onClick={() => onJump(e.line!)}
                    className="rounded font-mono text-xs font-semibold underline decoration-dotted underline-offset-2 hover:decoration-solid"
                  >
                    Line {e.line}
                    {e.column ? `:${e.column}` : ''}
                  </button>
                ) : null}
                {e.path ? <code className="rounded bg-red-100 px-1 font-mono text-xs dark:bg-red-900/60">{e.path}</code> : null}
                <span className="min-w-0 break-words">{e.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
