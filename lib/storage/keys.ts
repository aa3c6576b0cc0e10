// Storage layout. Blobs are content addressed and only ever appear at their key by an atomic move of bytes whose
// digest was verified; uploads in progress live under their session id.
export function blobKey(digest: string): string {
  const [algorithm, hex] = digest.split(':') as [string, string];
  return `blobs/${algorithm}/${hex.slice(0, 2)}/${hex}`;
}

export function uploadKey(id: string): string {
  return `uploads/${id}`;
}

export const UPLOADS_PREFIX = 'uploads/';
