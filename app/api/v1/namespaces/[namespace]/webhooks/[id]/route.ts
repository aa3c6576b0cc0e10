import { namespaceWebhookRoutes } from '@/lib/api/webhook-routes';

// Shared with the repository-scope route (lib/api/webhook-routes.ts).
export const GET = namespaceWebhookRoutes.webhook.GET;
export const PATCH = namespaceWebhookRoutes.webhook.PATCH;
export const DELETE = namespaceWebhookRoutes.webhook.DELETE;
