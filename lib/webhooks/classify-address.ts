import ipaddr from 'ipaddr.js';

/**
 * What kind of address a webhook target resolved to. Only `public` is delivered to unless the installation allows
 * private targets (BERTH_WEBHOOK_ALLOW_PRIVATE): a webhook URL is chosen by a repository admin, and without this
 * check it would let them make the server call its own admin ports, the cloud metadata service or the office LAN.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

// Cloud instance-metadata endpoints. Most already fall in a blocked range (169.254/16, 100.64/10, fc00::/7); they are
// named so a refusal says what was hit, and so a future change to the ranges cannot open them by accident.
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254', 'fd00:ec2::23']);

const RANGE_CLASS: Readonly<Record<string, AddressClass>> = {
  unspecified: 'unspecified',
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'cgnat',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  broadcast: 'multicast',
};

/** Classifies one IP address (v4, v6, or v4-mapped v6 such as `::ffff:127.0.0.1`). */
export function classifyAddress(address: string): AddressClass {
  const literal = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(literal)) return 'invalid';
  // process() unwraps IPv4-mapped IPv6, so ::ffff:10.0.0.1 is judged as 10.0.0.1.
  const ip = ipaddr.process(literal);
  // toString() is the compact form (fd00:ec2::254), as METADATA spells it; a zone id (%eth0) is not part of it.
  if (METADATA.has(ip.toString().replace(/%.*$/, ''))) return 'metadata';
  const range = ip.range();
  if (range === 'unicast') {
    // ::a.b.c.d (the deprecated IPv4-compatible form) is "unicast" to ipaddr.js but names an IPv4 host.
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return 'reserved';
    return 'public';
  }
  // Everything else (documentation, benchmarking, 6to4, Teredo, NAT64, …) is not a place a webhook should go.
  return RANGE_CLASS[range] ?? 'reserved';
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}
