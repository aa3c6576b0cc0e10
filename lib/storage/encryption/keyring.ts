import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Master keys by id; the last one listed encrypts new data keys, the others only unwrap older ones. */
export interface Keyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}

const ID_RE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses BERTH_ENCRYPTION_KEY (or the key file's text): `id:base64` entries separated by commas or newlines, each a
 * 32-byte AES-256 key, e.g. `2026-01:q83v…=`. A lone base64 key without an id gets the id "default".
 */
export function parseKeyring(text: string): Keyring {
  const entries = text.split(/[,\n]/).map((e) => e.trim()).filter((e) => e !== '' && !e.startsWith('#'));
  if (entries.length === 0) throw new EncryptionKeyError('BERTH_ENCRYPTION_KEY: no key given');
  const keys = new Map<string, Buffer>();
  let current = '';
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? 'default' : entry.slice(0, colon);
    const key = Buffer.from(colon === -1 ? entry : entry.slice(colon + 1), 'base64');
    if (!ID_RE.test(id)) throw new EncryptionKeyError(`BERTH_ENCRYPTION_KEY: key id "${id.slice(0, 40)}" must be 1-32 letters, digits, "-" or "_"`);
    if (key.length !== 32) throw new EncryptionKeyError(`BERTH_ENCRYPTION_KEY: key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
    if (keys.has(id)) throw new EncryptionKeyError(`BERTH_ENCRYPTION_KEY: key id "${id}" is listed twice`);
    keys.set(id, key);
    current = id;
  }
  return { current, keys };
}

/** A wrapped data key: nonce (12) + AES-256-GCM ciphertext of the 32-byte key (32) + tag (16). */
export const WRAPPED_LENGTH = 60;

export function wrapKey(master: Buffer, dataKey: Buffer, keyId: string): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, nonce);
  cipher.setAAD(Buffer.from(`berth-data-key:${keyId}`));
  return Buffer.concat([nonce, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
}

/** Throws EncryptionKeyError when `master` is not the key that wrapped it. */
export function unwrapKey(master: Buffer, wrapped: Buffer, keyId: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
  decipher.setAAD(Buffer.from(`berth-data-key:${keyId}`));
  decipher.setAuthTag(wrapped.subarray(44, 60));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(12, 44)), decipher.final()]);
  } catch {
    throw new EncryptionKeyError(`encryption key "${keyId}" does not match the one the data was written with`);
  }
}
