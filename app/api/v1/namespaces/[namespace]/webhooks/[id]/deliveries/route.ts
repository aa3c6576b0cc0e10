import { namespaceWebhookRoutes } from '@/lib/api/webhook-routes';

// Shared with the repository-scope route (lib/api/webhook-routes.ts).
export const GET = namespaceWebhookRoutes.deliveries.GET;
