import { RegistryError } from '@/lib/errors/registry-error';
import { formatQuotaBytes } from '@/lib/quota-bytes';
import type { NamespaceQuota } from './namespace-quota-of';

/** DENIED with the words docker, podman and skopeo print: `namespace "team" quota 100 MiB exceeded (120 MiB needed)`. */
export function quotaExceeded(ns: NamespaceQuota, neededBytes: number): RegistryError {
  return new RegistryError('DENIED', `namespace "${ns.name}" quota ${formatQuotaBytes(ns.quotaBytes)} exceeded (${formatQuotaBytes(neededBytes)} needed)`, {
    namespace: ns.name,
    quotaBytes: ns.quotaBytes,
    neededBytes,
  });
}
