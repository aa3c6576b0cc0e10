import { checkRepositoryName } from '@/lib/oci/names';
import type { Route } from './router';

/**
 * The token scope a request needs, as its 401 challenge names it (Docker token spec, "How to authenticate": the
 * challenge carries `scope` so that a client can ask the token server for exactly that). The scope follows from
 * the route and method alone, never from what exists, so a hidden repository is challenged like a missing one.
 * The CNCF distribution registry names the same actions: pull to read, pull,push to write (uploads, mounts,
 * manifest PUT), delete to delete; a mount also asks to pull from its source repository.
 */
export function requiredScope(route: Route, method: string, url: URL): string | undefined {
  switch (route.kind) {
    case 'base':
      return undefined;
    case 'catalog':
      return 'registry:catalog:*';
    case 'tags':
    case 'referrers':
      return repository(route.name, 'pull');
    case 'manifest':
    case 'blob':
      if (method === 'DELETE') return repository(route.name, 'delete');
      if (method === 'PUT') return repository(route.name, 'pull,push');
      return repository(route.name, 'pull');
    case 'uploads': {
      const scope = repository(route.name, 'pull,push');
      const from = url.searchParams.get('from');
      if (url.searchParams.has('mount') && from && from !== route.name && checkRepositoryName(from) === null) {
        return `${scope} ${repository(from, 'pull')}`;
      }
      return scope;
    }
    case 'upload':
      return repository(route.name, 'pull,push');
  }
}

function repository(name: string, actions: string): string {
  return `repository:${name}:${actions}`;
}
