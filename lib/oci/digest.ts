import { createHash } from 'node:crypto';

// OCI image-spec descriptor digests: `algorithm ":" encoded`. Registered algorithms are sha256 (64 lowercase hex)
// and sha512 (128 lowercase hex); anything else is refused rather than stored unverified.
export type DigestAlgorithm = 'sha256' | 'sha512';

const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const DIGEST_SHAPE_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function isDigest(s: string): boolean {
  return DIGEST_RE.test(s);
}

/** Looks like a digest (has `alg:` shape) even if the algorithm is unsupported: a reference, not a tag. */
export function looksLikeDigest(s: string): boolean {
  return s.includes(':') && DIGEST_SHAPE_RE.test(s);
}

export function digestAlgorithm(digest: string): DigestAlgorithm {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function computeDigest(data: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}
