// Console and REST paths of repositories and namespaces: shared by the console (lib/client, components) and the
// services that link to the console (webhook payloads), so neither imports the other.

// Repository names hold `/` beyond the namespace (`team/tools/cli`). The REST API takes the part after the
// namespace as one percent-encoded segment; console URLs keep the slashes and use `-` (never a valid name
// component) to separate the name from what follows: `/repositories/team/tools/cli/-/tags/1.0`.

export const ROUTE_SEPARATOR = '-';

export function splitRepositoryName(fullName: string): { namespace: string; name: string } {
  const i = fullName.indexOf('/');
  return i < 0 ? { namespace: fullName, name: '' } : { namespace: fullName.slice(0, i), name: fullName.slice(i + 1) };
}

export function repositoryApiPath(fullName: string): string {
  const { namespace, name } = splitRepositoryName(fullName);
  return `/api/v1/repositories/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

export function namespaceApiPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}`;
}

const encodePath = (fullName: string) => fullName.split('/').map(encodeURIComponent).join('/');

export type RepositoryView =
  | { tab: 'tags' }
  | { tab: 'overview' }
  | { tab: 'permissions' }
  | { tab: 'lifecycle' }
  | { tab: 'tag'; tag: string }
  | { tab: 'scan'; tag: string }
  | { tab: 'webhooks' }
  | { tab: 'webhook'; id: string }
  | { tab: 'builds' }
  | { tab: 'build'; id: string };

export function repositoryHref(fullName: string, view: RepositoryView = { tab: 'tags' }): string {
  const base = `/repositories/${encodePath(fullName)}`;
  switch (view.tab) {
    case 'tags':
      return base;
    case 'overview':
      return `${base}/${ROUTE_SEPARATOR}/overview`;
    case 'permissions':
      return `${base}/${ROUTE_SEPARATOR}/permissions`;
    case 'lifecycle':
      return `${base}/${ROUTE_SEPARATOR}/lifecycle`;
    case 'tag':
      return `${base}/${ROUTE_SEPARATOR}/tags/${encodeURIComponent(view.tag)}`;
    case 'scan':
      return `${base}/${ROUTE_SEPARATOR}/tags/${encodeURIComponent(view.tag)}/scan`;
    case 'webhooks':
      return `${base}/${ROUTE_SEPARATOR}/webhooks`;
    case 'webhook':
      return `${base}/${ROUTE_SEPARATOR}/webhooks/${encodeURIComponent(view.id)}`;
    case 'builds':
      return `${base}/${ROUTE_SEPARATOR}/builds`;
    case 'build':
      return `${base}/${ROUTE_SEPARATOR}/builds/${encodeURIComponent(view.id)}`;
  }
}

/** Parses the catch-all segments after `/repositories/<namespace>/`; null when they name no view. */
export function parseRepositoryRoute(namespace: string, segments: string[]): { fullName: string; view: RepositoryView } | null {
  const decoded = segments.map((s) => safeDecode(s));
  const sep = decoded.indexOf(ROUTE_SEPARATOR);
  const nameParts = sep < 0 ? decoded : decoded.slice(0, sep);
  const rest = sep < 0 ? [] : decoded.slice(sep + 1);
  if (nameParts.length === 0) return null;
  const fullName = [safeDecode(namespace), ...nameParts].join('/');
  if (rest.length === 0) return { fullName, view: { tab: 'tags' } };
  if (rest.length === 1 && rest[0] === 'overview') return { fullName, view: { tab: 'overview' } };
  if (rest.length === 1 && rest[0] === 'permissions') return { fullName, view: { tab: 'permissions' } };
  if (rest.length === 1 && rest[0] === 'lifecycle') return { fullName, view: { tab: 'lifecycle' } };
  if (rest.length === 1 && rest[0] === 'tags') return { fullName, view: { tab: 'tags' } };
  if (rest.length === 2 && rest[0] === 'tags' && rest[1]) return { fullName, view: { tab: 'tag', tag: rest[1] } };
  if (rest.length === 3 && rest[0] === 'tags' && rest[1] && rest[2] === 'scan') return { fullName, view: { tab: 'scan', tag: rest[1] } };
  if (rest.length === 1 && rest[0] === 'webhooks') return { fullName, view: { tab: 'webhooks' } };
  if (rest.length === 2 && rest[0] === 'webhooks' && rest[1]) return { fullName, view: { tab: 'webhook', id: rest[1] } };
  if (rest.length === 1 && rest[0] === 'builds') return { fullName, view: { tab: 'builds' } };
  if (rest.length === 2 && rest[0] === 'builds' && rest[1]) return { fullName, view: { tab: 'build', id: rest[1] } };
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
