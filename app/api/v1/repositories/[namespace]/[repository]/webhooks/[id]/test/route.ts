import { repositoryWebhookRoutes } from '@/lib/api/webhook-routes';

// Shared with the namespace-scope route (lib/api/webhook-routes.ts).
export const POST = repositoryWebhookRoutes.test.POST;
