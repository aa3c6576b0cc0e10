import { cache } from 'react';
import { resolveApiActor } from '@/lib/api/resolve-api-actor';
import { getAppContext } from '@/lib/server/app-context-global';
import type { Actor } from '@/lib/services/context';

export interface ConsoleUser {
  username: string;
  isAdmin: boolean;
}

/**
 * The signed-in user of a console page, resolved exactly as the REST API resolves the session cookie (so a
 * disabled user, whose cookie is still valid, counts as signed out here too). Server components only.
 */
// Cached per request: the layout and the page share one actor, hence one access-profile query.
export const getConsoleActor = cache(async (): Promise<Actor> => {
  // No Authorization header: resolveApiActor falls through to the next-auth session of this request.
  return resolveApiActor(getAppContext(), new Request('http://berth.internal/console'));
});

export async function getConsoleUser(): Promise<ConsoleUser | null> {
  const actor = await getConsoleActor().catch(() => null);
  return actor?.kind === 'user' ? { username: actor.username, isAdmin: actor.isAdmin } : null;
}
