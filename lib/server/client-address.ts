import ipaddr from 'ipaddr.js';

/** The header the server sets on every request it hands to the web console, after discarding any sent by clients. */
export const CLIENT_ADDRESS_HEADER = 'x-berth-client-address';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

const parsedRanges = new Map<string, Range[]>();

function ranges(trusted: readonly string[]): Range[] {
  const key = trusted.join(',');
  let r = parsedRanges.get(key);
  if (!r) {
    r = trusted.map((t) => {
      if (t.includes('/')) return ipaddr.parseCIDR(t);
      const a = ipaddr.parse(t);
      return [a, a.kind() === 'ipv4' ? 32 : 128] as Range;
    });
    parsedRanges.set(key, r);
  }
  return r;
}

function normalize(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    const a = ipaddr.parse(address.trim().replace(/^\[|\]$/g, ''));
    // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
    return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
  } catch {
    return null;
  }
}

function isTrusted(address: ipaddr.IPv4 | ipaddr.IPv6, trusted: Range[]): boolean {
  return trusted.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
}

/**
 * The client's address for throttling and the audit log. `X-Forwarded-For` is believed only hop by hop from the
 * socket inwards while each hop is a trusted proxy (BERTH_TRUSTED_PROXIES): the first untrusted hop is the client.
 * With no trusted proxies the header is ignored, so rotating or spoofing it changes nothing.
 */
export function clientAddress(trustedProxies: readonly string[], remoteAddress: string | undefined, forwardedFor?: string | string[]): string | undefined {
  const socket = remoteAddress ? normalize(remoteAddress) : null;
  if (!socket) return remoteAddress || undefined;
  const trusted = ranges(trustedProxies);
  if (trusted.length === 0 || !forwardedFor) return socket.toString();
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim()).filter(Boolean);
  let current = socket;
  while (isTrusted(current, trusted) && hops.length > 0) {
    const next = normalize(hops.pop()!);
    if (!next) break; // a malformed hop: the last trusted proxy is as far as we can see
    current = next;
  }
  return current.toString();
}
