import { repositoryWebhookRoutes } from '@/lib/api/webhook-routes';

// Shared with the namespace-scope route (lib/api/webhook-routes.ts).
export const GET = repositoryWebhookRoutes.webhook.GET;
export const PATCH = repositoryWebhookRoutes.webhook.PATCH;
export const DELETE = repositoryWebhookRoutes.webhook.DELETE;
