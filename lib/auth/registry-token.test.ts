import { randomUUID } from 'node:crypto';
import { base64url, calculateJwkThumbprint, decodeJwt, decodeProtectedHeader, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  TokenError,
  generateSigningKey,
  issueRegistryToken,
  verifyRegistryToken,
  type RegistrySigningKey,
  type TokenErrorReason,
} from './registry-token';

let key: RegistrySigningKey;
let otherKey: RegistrySigningKey;
const issuer = `berth-${randomUUID()}`;
const audience = `registry-${randomUUID()}`;
const now = new Date('2030-01-02T03:04:05.678Z');
const access = [
  { type: 'repository' as const, name: `team-${randomUUID().slice(0, 8)}/app`, actions: ['pull', 'push'] },
  { type: 'registry' as const, name: 'catalog', actions: ['*'] },
];

beforeAll(async () => {
  [key, otherKey] = await Promise.all([generateSigningKey(), generateSigningKey()]);
});

const keys = (...list: RegistrySigningKey[]) => new Map<string, JWK>(list.map((k) => [k.kid, k.publicJwk]));
const issue = (overrides: Partial<Parameters<typeof issueRegistryToken>[0]> = {}) =>
  issueRegistryToken({ key, issuer, audience, subject: 'alice', access, ttlSeconds: 300, now, ...overrides });
const verify = (token: string, overrides: Partial<Parameters<typeof verifyRegistryToken>[1]> = {}) =>
  verifyRegistryToken(token, { publicKeys: keys(key), issuer, audience, now, ...overrides });

async function reasonOf(promise: Promise<unknown>): Promise<TokenErrorReason> {
  const error = await promise.then(
    () => {
      throw new Error('expected the token to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenError);
  return (error as TokenError).reason;
}

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

describe('generateSigningKey', () => {
  it('makes a P-256 key whose kid is its RFC 7638 thumbprint', async () => {
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256' });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.privateJwk).toHaveProperty('d');
    expect(otherKey.kid).not.toBe(key.kid);
  });
});

describe('issueRegistryToken and verifyRegistryToken', () => {
  it('round-trips the claims', async () => {
    const issued = await issue();
    expect(issued.expiresIn).toBe(300);
    expect(issued.issuedAt).toBe('2030-01-02T03:04:05.000Z');
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: key.kid });
    const iat = Math.floor(now.getTime() / 1000);
    expect(await verify(issued.token)).toEqual({
      iss: issuer,
      sub: 'alice',
      aud: audience,
      iat,
      exp: iat + 300,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      access,
    });
  });

  it('gives every token its own jti', async () => {
    const [a, b] = await Promise.all([issue(), issue()]);
    expect(decodeJwt(a.token).jti).not.toBe(decodeJwt(b.token).jti);
  });

  it('issues anonymous tokens with an empty subject', async () => {
    const { token } = await issue({ subject: '', access: [] });
    expect(await verify(token)).toMatchObject({ sub: '', access: [] });
  });

  it('accepts any of several trusted keys, as during a rotation', async () => {
    const { token } = await issue({ key: otherKey });
    expect((await verify(token, { publicKeys: keys(key, otherKey) })).sub).toBe('alice');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a ttl of %s', async (ttlSeconds) => {
    await expect(issue({ ttlSeconds })).rejects.toThrow(RangeError);
  });

  it('is valid until exp and expired from then on', async () => {
    const { token } = await issue();
    expect(await verify(token, { now: new Date(now.getTime() + 299_000) })).toBeTruthy();
    expect(await reasonOf(verify(token, { now: new Date(now.getTime() + 300_000) }))).toBe('expired');
  });

  it('refuses a token signed by another key under a trusted kid', async () => {
    const { token } = await issue({ key: { kid: key.kid, privateJwk: otherKey.privateJwk } });
    expect(await reasonOf(verify(token))).toBe('signature');
  });

  it('refuses a token whose kid is not trusted', async () => {
    const { token } = await issue({ key: otherKey });
    expect(await reasonOf(verify(token))).toBe('signature');
  });

  it('refuses a token for another audience', async () => {
    const { token } = await issue({ audience: 'someone-else' });
    expect(await reasonOf(verify(token))).toBe('audience');
  });

  it('refuses a token from another issuer', async () => {
    const { token } = await issue({ issuer: 'someone-else' });
    expect(await reasonOf(verify(token))).toBe('issuer');
  });

  it('refuses a tampered payload', async () => {
    const [header, payload, signature] = (await issue()).token.split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    claims.access = [{ type: 'repository', name: claims.access[0].name, actions: ['pull', 'push', 'delete'] }];
    expect(await reasonOf(verify([header, encode(claims), signature].join('.')))).toBe('signature');
  });

  it('refuses alg none', async () => {
    const payload = decodeJwt((await issue()).token);
    const unsigned = `${encode({ alg: 'none', typ: 'JWT', kid: key.kid })}.${encode(payload)}.`;
    expect(await reasonOf(verify(unsigned))).toBe('signature');
  });

  it('refuses HS256 keyed with the public key', async () => {
    const payload = decodeJwt((await issue()).token);
    const forged = `${encode({ alg: 'HS256', typ: 'JWT', kid: key.kid })}.${encode(payload)}.c2ln`;
    expect(await reasonOf(verify(forged))).toBe('signature');
  });

  it.each(['', 'abc', 'a.b.c', 'a.b', `${encode({ alg: 'ES256' })}.e30`])('refuses malformed token %j', async (token) => {
    expect(await reasonOf(verify(token))).toBe('malformed');
  });

  it('refuses a well-signed token whose access claim is not a list', async () => {
    const { token } = await issue({ access: 'everything' as unknown as [] });
    expect(await reasonOf(verify(token))).toBe('malformed');
  });
});
