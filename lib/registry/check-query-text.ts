import { RegistryError, type RegistryErrorCode } from '@/lib/errors/registry-error';
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from '@/lib/text/unsafe-text';

// Which OCI error a parameter's bad text is reported as: digests are DIGEST_INVALID, repository names (`from`
// of a mount, `last` of the catalog) NAME_INVALID; other parameters are outside what the spec names.
function codeFor(routeKind: string, param: string): RegistryErrorCode {
  if (param === 'digest' || param === 'mount') return 'DIGEST_INVALID';
  if (param === 'from' || (routeKind === 'catalog' && param === 'last')) return 'NAME_INVALID';
  return 'UNSUPPORTED';
}

/** Refuses query parameters holding text Postgres cannot store (see lib/text/unsafe-text.ts), before any lookup. */
export function checkQueryText(url: URL, routeKind: string): void {
  for (const [key, value] of url.searchParams) {
    if (!isUnsafeText(key) && !isUnsafeText(value)) continue;
    const code = codeFor(routeKind, key);
    const name = isUnsafeText(key) ? 'a query parameter name' : `query parameter "${key}"`;
    throw new RegistryError(code, `${name} ${UNSAFE_TEXT_MESSAGE}`, undefined, 400);
  }
}
