import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EncryptionKeyError, type Keyring, unwrapKey, WRAPPED_LENGTH, wrapKey } from './keyring';

// An encrypted object: a header naming the master key and holding the object's own data key wrapped by it, then
// the plaintext in records of RECORD bytes (the last shorter), each sealed on its own with AES-256-GCM under the
// data key: nonce (12) + ciphertext + tag (16). A byte range is read by decrypting only the records it touches.
// Each record's nonce is random (a record is rewritten when an upload continues from its middle, so a counter
// would repeat), and its index is authenticated, so records cannot be reordered.

const MAGIC = Buffer.from('BRTE');
const VERSION = 1;
const ID_FIELD = 32;
export const HEADER = MAGIC.length + 1 + 1 + ID_FIELD + WRAPPED_LENGTH;
export const RECORD = 64 * 1024;
export const OVERHEAD = 28;
export const SEALED = RECORD + OVERHEAD;

export interface ObjectKey {
  keyId: string;
  dataKey: Buffer;
  header: Buffer;
}

export function newObjectKey(ring: Keyring): ObjectKey {
  const dataKey = randomBytes(32);
  return { keyId: ring.current, dataKey, header: encodeHeader(ring.current, wrapKey(ring.keys.get(ring.current)!, dataKey, ring.current)) };
}

export function encodeHeader(keyId: string, wrapped: Buffer): Buffer {
  const id = Buffer.alloc(ID_FIELD);
  id.write(keyId, 'ascii');
  return Buffer.concat([MAGIC, Buffer.from([VERSION, keyId.length]), id, wrapped]);
}

export function parseHeader(header: Buffer): { keyId: string; wrapped: Buffer } {
  if (header.length < HEADER || !header.subarray(0, 4).equals(MAGIC) || header[4] !== VERSION) {
    throw new EncryptionKeyError('stored object is not encrypted by Berth (or is damaged)');
  }
  const keyId = header.subarray(6, 6 + header[5]!).toString('ascii');
  return { keyId, wrapped: header.subarray(6 + ID_FIELD, HEADER) };
}

export function openHeader(ring: Keyring, header: Buffer): ObjectKey {
  const { keyId, wrapped } = parseHeader(header);
  const master = ring.keys.get(keyId);
  if (!master) throw new EncryptionKeyError(`stored data needs encryption key "${keyId}", which BERTH_ENCRYPTION_KEY does not list`);
  return { keyId, dataKey: unwrapKey(master, wrapped, keyId), header: header.subarray(0, HEADER) };
}

export function sealRecord(dataKey: Buffer, index: number, plain: Uint8Array): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(indexBytes(index));
  return Buffer.concat([nonce, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function openRecord(dataKey: Buffer, index: number, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(0, 12));
  decipher.setAAD(indexBytes(index));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new Error(`stored data failed its integrity check (record ${index})`);
  }
}

/** Plaintext length of an object whose stored length is `stored`. */
export function plainSize(stored: number): number {
  const body = Math.max(0, stored - HEADER);
  const rest = body % SEALED;
  return Math.floor(body / SEALED) * RECORD + Math.max(0, rest - OVERHEAD);
}

/** Where record `index` starts in the stored object. */
export function sealedOffset(index: number): number {
  return HEADER + index * SEALED;
}

function indexBytes(index: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(index));
  return b;
}
