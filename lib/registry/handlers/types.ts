import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor, AppContext } from '@/lib/services/context';

export interface RequestContext {
  app: AppContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  actor: Actor;
}
