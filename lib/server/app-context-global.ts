import type { AppContext } from '@/lib/services/context';

// The server process boots one AppContext (lib/server/boot.ts) and hands it to Next's route handlers through this
// one declared global: Next bundles its own copy of every module, so a module-level variable would not be shared
// between the custom server and the console. Nothing else long-lived is kept globally; the AppContext holds it all.
declare global {
  var berthAppContext: AppContext | undefined;
}

export function setAppContext(app: AppContext): void {
  globalThis.berthAppContext = app;
}

export function getAppContext(): AppContext {
  const app = globalThis.berthAppContext;
  if (!app) throw new Error('Berth is not booted: start it with `npm start` (server.ts), not `next start`');
  return app;
}
