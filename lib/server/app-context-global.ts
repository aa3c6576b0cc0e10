import type { AppContext } from '@/lib/services/context';

// The server process boots one AppContext and hands it to Next's route handlers through globalThis: Next bundles
// its own copy of every module, so a module-level variable would not be shared between the two.
const KEY = Symbol.for('berth.appContext');
type Holder = { [KEY]?: AppContext };

export function setAppContext(app: AppContext): void {
  (globalThis as Holder)[KEY] = app;
}

export function getAppContext(): AppContext {
  const app = (globalThis as Holder)[KEY];
  if (!app) throw new Error('Berth is not booted: start it with `npm start` (server.ts), not `next start`');
  return app;
}
