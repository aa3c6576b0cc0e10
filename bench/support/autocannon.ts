import { createRequire } from 'node:module';

// The parser autocannon itself uses (its own dependency), for the callback slot to wrap.
const require = createRequire(import.meta.url);
const { HTTPParser } = createRequire(require.resolve('autocannon'))('http-parser-js') as {
  HTTPParser: { kOnHeadersComplete: number };
};

/** The client autocannon hands to `setupClient`: only its response parser is touched here. */
export interface AutocannonClient {
  parser: Record<number, unknown>;
}

/**
 * autocannon 8's response parser is never told the request was HEAD, so it waits for the Content-Length bytes a
 * HEAD response announces but never carries (RFC 9110 §9.3.2) and every request ends in a timeout. Returning
 * 1 ("skip body") from the headers-complete callback is how http-parser-js is told; autocannon installs that
 * callback right after calling setupClient, so it is wrapped on assignment. Pass this as `setupClient` for HEAD.
 */
export function skipBodyAfterHeaders(client: AutocannonClient): void {
  let handler: ((...args: unknown[]) => unknown) | undefined;
  Object.defineProperty(client.parser, HTTPParser.kOnHeadersComplete, {
    configurable: true,
    get: () => (...args: unknown[]) => {
      handler?.(...args);
      return 1;
    },
    set: (fn: (...args: unknown[]) => unknown) => {
      handler = fn;
    },
  });
}
