import { notFound } from 'next/navigation';
import { getAppContext } from '@/lib/server/app-context-global';
import { getWebhook } from '@/lib/services/webhooks/get-webhook';
import { NamespaceWebhookPage } from '@/components/webhooks/namespace-webhooks';
import { namespaceCapabilities } from '../../../../capabilities';
import { getConsoleActor } from '../../../../console-user';
import { loadOrNotFound } from '../../../../load-or-not-found';
import { titledBy } from '../../../../page-params';

type Props = { params: Promise<{ namespace: string; id: string }> };

export const generateMetadata = titledBy('namespace', 'Webhook · ');

/** A namespace-wide webhook and its delivery log. Hidden or missing is a real 404, as for the namespace itself. */
export default async function NamespaceWebhookRoute({ params }: Props) {
  const { namespace: rawNamespace, id: rawId } = await params;
  const namespace = decodeURIComponent(rawNamespace);
  const id = decodeURIComponent(rawId);
  const app = getAppContext();
  const actor = await getConsoleActor();
  const can = await loadOrNotFound(() => namespaceCapabilities(app, actor, namespace));
  if (!can.viewWebhooks) notFound();
  const webhook = await loadOrNotFound(() => getWebhook(app, { actor, scope: { kind: 'namespace', namespace }, id }));
  return <NamespaceWebhookPage namespace={namespace} initial={webhook} can={can} />;
}
