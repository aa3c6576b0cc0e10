import type {
  CreateWebhookInput,
  DeliveryDto,
  DeliveryPageDto,
  RepositoryEventPageDto,
  UpdateWebhookInput,
  WebhookDto,
} from '@/lib/schemas/webhooks';
import { apiFetch, withQuery } from './api-fetch';
import { namespaceApiPath, repositoryApiPath, repositoryHref } from '@/lib/paths/repository-paths';

/** Where a list of webhooks lives: one repository's, or a namespace's namespace-wide ones. */
export type WebhookScope = { kind: 'repository'; repository: string } | { kind: 'namespace'; namespace: string };

export function webhooksApiPath(scope: WebhookScope): string {
  return `${scope.kind === 'repository' ? repositoryApiPath(scope.repository) : namespaceApiPath(scope.namespace)}/webhooks`;
}

const hookPath = (scope: WebhookScope, id: string) => `${webhooksApiPath(scope)}/${encodeURIComponent(id)}`;

/** The console page of one webhook (settings and delivery log). */
export function webhookHref(scope: WebhookScope, id: string): string {
  return scope.kind === 'repository'
    ? repositoryHref(scope.repository, { tab: 'webhook', id })
    : `/namespaces/${encodeURIComponent(scope.namespace)}/webhooks/${encodeURIComponent(id)}`;
}

/** Where a webhook's list is shown in the console. */
export function webhooksHref(scope: WebhookScope): string {
  return scope.kind === 'repository' ? repositoryHref(scope.repository, { tab: 'webhooks' }) : `/namespaces/${encodeURIComponent(scope.namespace)}#webhooks`;
}

export const listWebhooks = async (scope: WebhookScope, signal?: AbortSignal) =>
  (await apiFetch<{ items: WebhookDto[] }>(webhooksApiPath(scope), { signal })).items;

export const getWebhook = (scope: WebhookScope, id: string, signal?: AbortSignal) => apiFetch<WebhookDto>(hookPath(scope, id), { signal });

export const createWebhook = (scope: WebhookScope, data: CreateWebhookInput) =>
  apiFetch<WebhookDto>(webhooksApiPath(scope), { method: 'POST', body: data });

export const updateWebhook = (scope: WebhookScope, id: string, data: UpdateWebhookInput) =>
  apiFetch<WebhookDto>(hookPath(scope, id), { method: 'PATCH', body: data });

export const deleteWebhook = (scope: WebhookScope, id: string) => apiFetch<void>(hookPath(scope, id), { method: 'DELETE' });

export const listDeliveries = (scope: WebhookScope, id: string, params: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  apiFetch<DeliveryPageDto>(withQuery(`${hookPath(scope, id)}/deliveries`, params), { signal });

/** Queues the delivery's body again as a new delivery (202). */
export const redeliver = (scope: WebhookScope, id: string, deliveryId: string) =>
  apiFetch<DeliveryDto>(`${hookPath(scope, id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: 'POST' });

/** Queues a `webhook.test` delivery, sent once (202). */
export const sendTestEvent = (scope: WebhookScope, id: string) => apiFetch<DeliveryDto>(`${hookPath(scope, id)}/test`, { method: 'POST' });

export const getDelivery = (scope: WebhookScope, id: string, deliveryId: string, signal?: AbortSignal) =>
  apiFetch<DeliveryDto>(`${hookPath(scope, id)}/deliveries/${encodeURIComponent(deliveryId)}`, { signal });

/** Recent events of a repository, or across a namespace's repositories (those whose webhooks the user may list). */
export const listEvents = (scope: WebhookScope, params: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  apiFetch<RepositoryEventPageDto>(
    withQuery(`${scope.kind === 'repository' ? repositoryApiPath(scope.repository) : namespaceApiPath(scope.namespace)}/events`, params),
    { signal },
  );
