import { createHash, type Hash } from 'node:crypto';
import { createSHA256, type IHasher } from 'hash-wasm';
import type { AppContext } from '@/lib/services/context';
import { uploadKey } from '@/lib/storage/keys';

/** SHA-256 over an upload's bytes, continued across requests (and instances). */
export interface UploadHasher {
  update(bytes: Uint8Array): void;
  /** `sha256:<hex>` of everything so far; the hasher stays usable. */
  digest(): string;
  /** What the session row keeps for the next request. */
  snapshot(): { hashState: Buffer | null; sha256: string | null };
}

export interface HashProgress {
  size: number;
  hashState: Uint8Array | null;
  sha256: string | null;
}

// Real clients send a blob as one PATCH. Its bytes are hashed natively (several times faster than WebAssembly) and
// only the digest is kept. A session that continues has resumable state (hash-wasm can save and load it) — built by
// reading the first chunk back once if that chunk was hashed natively. Finishing never re-reads anything.
export async function hasherForAppend(app: AppContext, id: string, progress: HashProgress): Promise<UploadHasher> {
  if (progress.size === 0) return nativeHasher(createHash('sha256'));
  const wasm = await createSHA256();
  wasm.init();
  if (progress.hashState) {
    wasm.load(progress.hashState);
  } else {
    for await (const chunk of await app.storage.read(uploadKey(id), { start: 0, end: progress.size - 1 })) wasm.update(chunk as Buffer);
  }
  return wasmHasher(wasm);
}

/** The digest of a session's committed bytes, from what its row kept. */
export async function digestOf(progress: HashProgress): Promise<string> {
  if (progress.sha256) return progress.sha256;
  if (progress.size === 0 || !progress.hashState) return `sha256:${createHash('sha256').digest('hex')}`;
  const wasm = await createSHA256();
  wasm.init();
  wasm.load(progress.hashState);
  return `sha256:${wasm.digest('hex')}`;
}

function nativeHasher(hash: Hash): UploadHasher {
  return {
    update: (bytes) => hash.update(bytes),
    digest: () => `sha256:${hash.copy().digest('hex')}`,
    snapshot: () => ({ hashState: null, sha256: `sha256:${hash.copy().digest('hex')}` }),
  };
}

function wasmHasher(wasm: IHasher): UploadHasher {
  return {
    update: (bytes) => wasm.update(bytes),
    digest: () => {
      const state = wasm.save();
      const hex = wasm.digest('hex');
      wasm.init();
      wasm.load(state);
      return `sha256:${hex}`;
    },
    snapshot: () => ({ hashState: Buffer.from(wasm.save()), sha256: null }),
  };
}
