import type { ReactNode } from 'react';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { Card, CardHeader } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { RelativeTime } from '@/components/ui/relative-time';
import { describeTrigger, eventLabel } from './describe-webhook';

/** What a webhook sends, where, and when: its settings at a glance. */
export function WebhookSettings({ webhook: w, action }: { webhook: WebhookDto; action?: ReactNode }) {
  const rows: Array<[string, ReactNode]> = [
    ['Payload URL', <code key="u" className="break-all font-mono text-xs">{w.url}</code>],
    [
      'Fires for',
      w.scope === 'namespace' ? (
        <span key="s">every repository in namespace {w.namespace}</span>
      ) : (
        <span key="s" className="font-mono text-xs">
          {w.repository}
        </span>
      ),
    ],
    ['Trigger', <span key="t" className="break-all">{describeTrigger(w.trigger)}</span>],
    ['Events', w.events.map(eventLabel).join(', ')],
    ['Payload format', w.format === 'cloudevents' ? 'CloudEvents 1.0 (structured JSON)' : 'Default JSON'],
    ['Secret', w.hasSecret ? 'Set: requests carry X-Berth-Signature' : 'Not set: requests are not signed'],
    [
      'Extra headers',
      w.headers.length === 0 ? (
        'None'
      ) : (
        <ul key="h" className="space-y-0.5 font-mono text-xs">
          {w.headers.map((h) => (
            <li key={h.name} className="break-all">
              {h.name}: {h.value}
            </li>
          ))}
        </ul>
      ),
    ],
    [
      'Changed',
      <span key="c">
        <RelativeTime iso={w.updatedAt} /> · created <RelativeTime iso={w.createdAt} />
      </span>,
    ],
  ];
  return (
    <Card>
      <CardHeader title="Settings" action={action} />
      <FactList layout="ruled" facts={rows} />
    </Card>
  );
}
