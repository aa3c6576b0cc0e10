import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress, type AddressClass } from './classify-address';

export type LookupAll = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A target the policy refuses (a private address while those are not allowed): final, never retried. */
export class TargetRefusedError extends Error {
  constructor(
    message: string,
    readonly addressClass: AddressClass,
  ) {
    super(message);
    this.name = 'TargetRefusedError';
  }
}

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a target's host to the address the request will connect to, after checking it. The check runs on the
 * resolved addresses, not the name (a public name can point at 127.0.0.1), and on every one of them; the caller then
 * connects to exactly the address returned here, so a second DNS answer (rebinding) cannot swap in another.
 */
export async function resolveTarget(url: URL, opts: { allowPrivate: boolean; lookup?: LookupAll }): Promise<VettedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await (opts.lookup ?? systemLookup)(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve to any address`);
  if (!opts.allowPrivate) {
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== 'public') {
        const via = literal ? '' : `${host} resolves to `;
        throw new TargetRefusedError(`refused: ${via}${address}, a ${kind} address (set BERTH_WEBHOOK_ALLOW_PRIVATE=true to allow)`, kind);
      }
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
