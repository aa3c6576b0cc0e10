import {
  SignJWT,
  calculateJwkThumbprint,
  decodeProtectedHeader,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
} from 'jose';
import { z } from 'zod';

/**
 * Bearer tokens of the Docker token authentication spec (distribution/docs/spec/auth/jwt.md): an ES256 JWT
 * whose `access` claim lists what the holder may do, checked by the registry on every request.
 */
const ALGORITHM = 'ES256';

export interface RegistrySigningKey {
  /** RFC 7638 thumbprint of the public key, so the same key always gets the same id on every node. */
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface RegistryAccess {
  type: 'repository' | 'registry';
  name: string;
  actions: string[];
}

export interface RegistryTokenClaims {
  iss: string;
  /** The username, or '' for an anonymous client. */
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  access: RegistryAccess[];
  /** The personal access token the client authenticated with, so revoking it also ends tokens issued from it. */
  pat?: string;
  /** The subject's user id, so the registry need not look the username up on every request. */
  uid?: string;
  /** The subject's session version at issue (password sign-ins only): a password change or sign-out ends it. */
  sv?: number;
}

export type TokenErrorReason = 'expired' | 'signature' | 'audience' | 'issuer' | 'malformed';

/** Why a token was refused; callers switch on `reason`, never on the message. */
export class TokenError extends Error {
  constructor(
    readonly reason: TokenErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TokenError';
  }
}

type ImportedKey = Awaited<ReturnType<typeof importJWK>>;

// Importing a JWK costs more than verifying with it; keyed weakly on the JWK object, so a key set loaded once
// is imported once, and dropping a rotated key lets its import go too.
const importedKeys = new WeakMap<JWK, Promise<ImportedKey>>();

function importKey(jwk: JWK): Promise<ImportedKey> {
  let key = importedKeys.get(jwk);
  if (!key) {
    key = importJWK(jwk, ALGORITHM);
    importedKeys.set(jwk, key);
  }
  return key;
}

export async function generateSigningKey(): Promise<RegistrySigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const labels = { kid, alg: ALGORITHM, use: 'sig' };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), ...labels }, publicJwk: { ...publicJwk, ...labels } };
}

export interface IssueRegistryTokenInput {
  key: Pick<RegistrySigningKey, 'kid' | 'privateJwk'>;
  issuer: string;
  /** The service name the client sent (`service=`), which the registry checks as the audience. */
  audience: string;
  subject: string;
  access: RegistryAccess[];
  ttlSeconds: number;
  now?: Date;
  /** Id of the personal access token behind this request, if any (see RegistryTokenClaims.pat). */
  pat?: string;
  uid?: string;
  sv?: number;
}

export interface IssuedRegistryToken {
  token: string;
  /** Seconds, as the token response's `expires_in`. */
  expiresIn: number;
  /** RFC 3339, as the token response's `issued_at`. */
  issuedAt: string;
}

export async function issueRegistryToken(input: IssueRegistryTokenInput): Promise<IssuedRegistryToken> {
  if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${input.ttlSeconds}`);
  }
  // JWT times are whole seconds; rounding `now` down keeps issued_at and iat equal.
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const token = await new SignJWT({ access: input.access, ...(input.pat ? { pat: input.pat } : {}), ...(input.uid ? { uid: input.uid } : {}), ...(input.sv !== undefined ? { sv: input.sv } : {}) })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: input.key.kid })
    .setIssuer(input.issuer)
    .setSubject(input.subject)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + input.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(await importKey(input.key.privateJwk));
  return { token, expiresIn: input.ttlSeconds, issuedAt: new Date(iat * 1000).toISOString() };
}

const claimsSchema = z.object({
  iss: z.string(),
  sub: z.string(),
  aud: z.string(),
  iat: z.number(),
  exp: z.number(),
  jti: z.string().min(1),
  access: z.array(
    z.object({ type: z.enum(['repository', 'registry']), name: z.string(), actions: z.array(z.string()) }),
  ),
  pat: z.string().optional(),
  uid: z.string().uuid().optional(),
  sv: z.number().int().optional(),
});

export interface VerifyRegistryTokenOptions {
  /** Trusted public keys by kid; during a rotation both the old and the new key are here. */
  publicKeys: ReadonlyMap<string, JWK>;
  issuer: string;
  audience: string;
  now?: Date;
}

function fromJoseError(error: unknown): TokenError {
  const options = { cause: error };
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'token has expired', options);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return new TokenError('audience', 'token is for another service', options);
    if (error.claim === 'iss') return new TokenError('issuer', 'token has another issuer', options);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenError('signature', 'token signature is invalid', options);
  }
  return new TokenError('malformed', 'token is malformed', options);
}

/** Checks signature, issuer, audience and expiry, and returns the claims; throws TokenError otherwise. */
export async function verifyRegistryToken(
  token: string,
  options: VerifyRegistryTokenOptions,
): Promise<RegistryTokenClaims> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new TokenError('malformed', 'token is malformed', { cause: error });
  }
  // Decided before any key is touched: `alg: none` and algorithm-confusion tokens (HS256 keyed with the public
  // key) carry no signature we accept, so they fail as a bad signature.
  if (header.alg !== ALGORITHM) throw new TokenError('signature', `token algorithm must be ${ALGORITHM}`);
  const jwk = header.kid === undefined ? undefined : options.publicKeys.get(header.kid);
  if (!jwk) throw new TokenError('signature', 'token is signed by an unknown key');

  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, await importKey(jwk), {
      algorithms: [ALGORITHM],
      issuer: options.issuer,
      audience: options.audience,
      currentDate: options.now,
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw fromJoseError(error);
    throw error;
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new TokenError('malformed', 'token claims are malformed', { cause: claims.error });
  return claims.data;
}
