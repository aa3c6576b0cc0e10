import type { IncomingMessage, ServerResponse } from 'node:http';
import { RegistryError } from '@/lib/errors/registry-error';
import { checkRepositoryName, describeNameProblem } from '@/lib/oci/names';
import type { AppContext } from '@/lib/services/context';
import { ClientGoneError } from '@/lib/services/uploads/write-chunk';
import { isStorageFullError, STORAGE_FULL_MESSAGE } from '@/lib/storage/driver';
import { deleteBlobHandler, getBlobHandler } from './handlers/blobs';
import { getCatalogHandler, getReferrersHandler, getTagsHandler } from './handlers/lists';
import { deleteManifestHandler, getManifestHandler, putManifestHandler } from './handlers/manifests';
import type { RequestContext } from './handlers/types';
import { deleteUploadHandler, getUploadHandler, patchUploadHandler, postUploadHandler, putUploadHandler } from './handlers/uploads';
import { BodyTimeoutError } from '@/lib/server/body-guard';
import { checkQueryText } from './check-query-text';
import type { Actor } from '@/lib/services/context';
import { sendJson, sendRegistryError, toRegistryError } from './http';
import { challengeHeaders, resolveActor } from './resolve-actor';
import { requiredScope } from './required-scope';
import { matchRoute, type Route } from './router';

/** Each route kind's route, so a handler sees exactly the fields its path has. */
type RouteOf = { [R in Route as R['kind']]: R };
/** HTTP method → handler (a GET handler answers HEAD too). */
type MethodTable<K extends Route['kind']> = Partial<Record<string, (ctx: RequestContext, route: RouteOf[K]) => Promise<void>>>;

// Handlers are named <http method><resource>Handler after the distribution spec's endpoints.
const TABLE: { [K in Route['kind']]: MethodTable<K> } = {
  base: {
    GET: async (ctx) => {
      // Clients start here to learn how to authenticate; an anonymous token (public pulls) is enough.
      if (ctx.actor.kind === 'anonymous' && !ctx.actor.registryAccess) throw new RegistryError('UNAUTHORIZED');
      sendJson(ctx.res, 200, {});
    },
  },
  catalog: { GET: (ctx) => getCatalogHandler(ctx) },
  tags: { GET: (ctx, r) => getTagsHandler(ctx, r.name) },
  manifest: {
    GET: (ctx, r) => getManifestHandler(ctx, r.name, r.reference),
    PUT: (ctx, r) => putManifestHandler(ctx, r.name, r.reference),
    DELETE: (ctx, r) => deleteManifestHandler(ctx, r.name, r.reference),
  },
  blob: {
    GET: (ctx, r) => getBlobHandler(ctx, r.name, r.digest),
    DELETE: (ctx, r) => deleteBlobHandler(ctx, r.name, r.digest),
  },
  uploads: { POST: (ctx, r) => postUploadHandler(ctx, r.name) },
  upload: {
    GET: (ctx, r) => getUploadHandler(ctx, r.name, r.id),
    PATCH: (ctx, r) => patchUploadHandler(ctx, r.name, r.id),
    PUT: (ctx, r) => putUploadHandler(ctx, r.name, r.id),
    DELETE: (ctx, r) => deleteUploadHandler(ctx, r.name, r.id),
  },
  referrers: { GET: (ctx, r) => getReferrersHandler(ctx, r.name, r.digest) },
};

/** The method table of a route's kind, typed for that kind's route. */
function methodsOf<K extends Route['kind']>(kind: K): MethodTable<K> {
  return TABLE[kind];
}

export interface RegistryHandlerOptions {
  onError?: (err: unknown, req: IncomingMessage) => void;
}

/** The OCI distribution API (`/v2/…`) as a plain Node request handler: streaming, no framework in between. */
export function createRegistryHandler(app: AppContext, opts: RegistryHandlerOptions = {}) {
  return async function handleRegistry(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let actor: Actor | undefined;
    let route: Route | null = null;
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '/', 'http://registry.invalid');
      // Routed on the path exactly as sent: URL parsing would resolve `..` and `%2e%2e` segments and so let
      // `/v2/public/../private/…` reach another repository than the one the path names.
      route = matchRoute((req.url ?? '/').split('?')[0]!);
      if (!route) throw new RegistryError('UNSUPPORTED', 'unknown API endpoint', undefined, 404);
      if ('name' in route) {
        const problem = checkRepositoryName(route.name);
        if (problem) throw new RegistryError('NAME_INVALID', describeNameProblem(route.name, problem));
      }
      checkQueryText(url, route.kind);
      const methods = methodsOf(route.kind);
      const method = req.method === 'HEAD' && methods.GET ? 'GET' : (req.method ?? 'GET');
      const handler = methods[method];
      if (!handler) {
        const allow = Object.keys(methods).concat(methods.GET ? ['HEAD'] : []).join(', ');
        throw new RegistryError('UNSUPPORTED', `${req.method} is not supported here`).withHeaders({ Allow: allow });
      }
      actor = await resolveActor(app, req);
      await handler({ app, req, res, url, actor }, route);
    } catch (caught) {
      const err = toRegistryError(caught, actor?.kind !== 'user') ?? caught;
      if (err instanceof ClientGoneError) {
        // A body cut off for making no progress (lib/server/body-guard.ts) is answered; the client is still there.
        if (err.cause instanceof BodyTimeoutError && !res.headersSent) {
          res.setHeader('Connection', 'close');
          sendRegistryError(req, res, new RegistryError('BLOB_UPLOAD_INVALID', err.cause.message, undefined, 408));
          return;
        }
        res.destroy();
        return;
      }
      if (!req.complete) res.setHeader('Connection', 'close'); // don't read a large unwanted body to its end
      if (err instanceof RegistryError) {
        if (err.status === 401) {
          const scope = route && url ? requiredScope(route, req.method ?? 'GET', url) : undefined;
          err.withHeaders(challengeHeaders(app, req, err.scope, scope));
        }
        sendRegistryError(req, res, err);
        return;
      }
      opts.onError?.(err, req);
      // No OCI error code says "full"; UNKNOWN with 507 Insufficient Storage tells clients and people what happened.
      if (isStorageFullError(err)) sendRegistryError(req, res, new RegistryError('UNKNOWN', STORAGE_FULL_MESSAGE, undefined, 507));
      else sendRegistryError(req, res, new RegistryError('UNKNOWN', 'internal error'));
    }
  };
}
