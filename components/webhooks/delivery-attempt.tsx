import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { formatDateTime } from '@/lib/client/format';
import { Badge } from '@/components/ui/badge';
import { FactList } from '@/components/ui/fact-list';

type Attempt = DeliveryDto['attempts'][number];

const OUTCOME_TONE = { succeeded: 'green', failed: 'red', refused: 'amber' } as const;

/** JSON bodies indented for reading; anything else as it is. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const PRE = 'max-h-72 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-50 p-2.5 font-mono text-xs text-slate-800 dark:bg-slate-950 dark:text-slate-200';
const LABEL = 'text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400';

/** One attempt, folded: its request (URL, masked headers, body) and the receiver's answer. */
export function DeliveryAttempt({ attempt }: { attempt: Attempt }) {
  const headers = Object.entries(attempt.requestHeaders);
  return (
    <details className="group rounded-md border border-slate-200 dark:border-slate-800" data-testid={`attempt-${attempt.number}`}>
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="text-slate-500 transition-transform group-open:rotate-90 dark:text-slate-400">
          ›
        </span>
        <span className="font-medium">Attempt {attempt.number}</span>
        <Badge tone={OUTCOME_TONE[attempt.outcome]}>{attempt.outcome}</Badge>
        <span className="text-slate-600 dark:text-slate-400">{attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : 'no response'}</span>
        <span className="text-slate-500 dark:text-slate-400">· {attempt.durationMs} ms</span>
        <span className="text-slate-500 dark:text-slate-400">· {formatDateTime(attempt.startedAt)}</span>
      </summary>
      <div className="grid gap-4 border-t border-slate-200 p-3 lg:grid-cols-2 dark:border-slate-800">
        <section aria-label={`Request of attempt ${attempt.number}`} className="min-w-0 space-y-2">
          <h3 className="text-sm font-semibold">Request</h3>
          <p className="break-all font-mono text-xs">
            <span className="font-semibold">POST</span> {attempt.url}
          </p>
          <div>
            <p className={LABEL}>Headers</p>
            <FactList layout="compact" facts={headers} className="mt-1 break-all font-mono text-xs" />
          </div>
          <div>
            <p className={LABEL}>Body</p>
            <pre tabIndex={0} className={`mt-1 ${PRE}`}>{pretty(attempt.requestBody)}</pre>
          </div>
        </section>
        <section aria-label={`Response to attempt ${attempt.number}`} className="min-w-0 space-y-2">
          <h3 className="text-sm font-semibold">Response</h3>
          <FactList
            layout="compact"
            facts={[
              ['Status', attempt.statusCode !== null ? attempt.statusCode : '—'],
              ['Duration', `${attempt.durationMs} ms`],
              ...(attempt.error ? ([['Error', <span key="e" className="text-red-700 dark:text-red-400">{attempt.error}</span>]] as const) : []),
            ]}
          />
          {attempt.responseBody !== null ? (
            <div>
              <p className={LABEL}>Body (first 4 KiB)</p>
              <pre tabIndex={0} className={`mt-1 ${PRE}`}>{attempt.responseBody === '' ? '(empty)' : pretty(attempt.responseBody)}</pre>
            </div>
          ) : null}
        </section>
      </div>
    </details>
  );
}
