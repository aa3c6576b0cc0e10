import type { AppContext } from '@/lib/services/context';
import { resolveTarget, TargetRefusedError, type LookupAll } from '@/lib/webhooks/resolve-target';

// A save must not hang on a slow resolver: past this, the target is left for the first delivery to judge.
const LOOKUP_TIMEOUT_MS = 3000;

/**
 * Why deliveries to this URL would be refused by the SSRF guard, judged when the webhook is saved: the same check a
 * delivery makes (every resolved address, BERTH_WEBHOOK_ALLOW_PRIVATE), so a webhook aimed at 10.0.0.5 is flagged
 * at once instead of after every delivery fails. Null when the guard lets it through, or when the name does not
 * resolve now (DNS may change before the first event; deliveries report it then). Saving is never refused for this.
 */
export async function checkWebhookTarget(app: AppContext, url: string, lookup?: LookupAll): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      resolveTarget(new URL(url), { allowPrivate: app.config.webhooks.allowPrivate, lookup }),
      new Promise((resolve) => (timer = setTimeout(resolve, LOOKUP_TIMEOUT_MS))),
    ]);
    return null;
  } catch (err) {
    return err instanceof TargetRefusedError ? `Deliveries will be ${err.message}` : null;
  } finally {
    clearTimeout(timer);
  }
}
