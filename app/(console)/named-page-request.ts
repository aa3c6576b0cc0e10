import type { Action } from '@/lib/access/actions';
import { getAppContext } from '@/lib/server/app-context-global';
import { getConsoleActor } from './console-user';
import { routeParam, type ParamsOf } from './page-params';
import { requireOnInstance } from './users/instance-access';

/**
 * What a console page about one named thing (a namespace, a user, a policy) starts from: the name its route
 * carries, the app and the signed-in actor. With `requires`, an installation-wide action the actor must hold, else
 * the page is not found.
 */
export async function namedPageRequest<K extends string>(props: ParamsOf<K>, key: K, requires?: Action) {
  const name = await routeParam(props, key);
  const app = getAppContext();
  const actor = await getConsoleActor();
  if (requires) await requireOnInstance(app, actor, requires);
  return { name, app, actor };
}
