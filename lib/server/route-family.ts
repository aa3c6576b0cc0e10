/**
 * A bounded label for a request path (metrics and logs must not carry repository names or digests): the kind of
 * registry call, the REST API, the console, or an operations endpoint.
 */
export function routeFamily(path: string): string {
  if (path === '/v2' || path === '/v2/') return 'v2_base';
  if (path.startsWith('/v2/')) {
    if (path.endsWith('/_catalog')) return 'v2_catalog';
    if (path.includes('/blobs/uploads')) return 'v2_uploads';
    if (path.includes('/blobs/')) return 'v2_blobs';
    if (path.includes('/manifests/')) return 'v2_manifests';
    if (path.endsWith('/tags/list')) return 'v2_tags';
    if (path.includes('/referrers/')) return 'v2_referrers';
    return 'v2_other';
  }
  if (path === '/auth/token') return 'token';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return 'ops';
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/_next/')) return 'assets';
  return 'console';
}
