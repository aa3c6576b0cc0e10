import type { ScanError } from '@/lib/scans/scan-error';
import { platformName, type ScanTarget } from './load-scan-targets';

/**
 * Why a scan failed, in words a user can act on: which platform, which layer (its index in the image and a short
 * digest), and what is wrong with it, e.g. `layer 2 (sha256:ab12cd34ef56…) is not a valid gzip stream`.
 */
export function describeScanFailure(err: ScanError, target: ScanTarget, multiPlatform: boolean): string {
  const where = multiPlatform && target.platform ? `${platformName(target.platform)}: ` : '';
  if (err.layerIndex === undefined || !err.layerDigest) return `${where}${err.message}`;
  const layer = target.layers[err.layerIndex];
  const prefix = `layer ${err.layerIndex} (${err.layerDigest}): `;
  const detail = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return `${where}layer ${err.layerIndex} (${shortDigest(err.layerDigest)}) ${reason(err, detail, layer?.mediaType ?? '')}`;
}

function reason(err: ScanError, detail: string, mediaType: string): string {
  if (err.code === 'CORRUPT_LAYER') {
    // The engine sniffs the compression; a blob that is none of gzip, zstd or tar contradicts what the manifest says.
    const declared = /gzip$/.test(mediaType) ? 'gzip' : /zstd$/.test(mediaType) ? 'zstd' : null;
    if (declared && /neither gzip nor zstd/.test(detail)) return `is not a valid ${declared} stream (the manifest declares ${mediaType})`;
    if (/^gzip stream/.test(detail)) return `is not a valid gzip stream: ${detail.replace(/^gzip stream is corrupt or truncated: /, '')}`;
    return `is corrupt: ${detail}`;
  }
  if (err.code === 'LAYER_UNREADABLE') return `could not be read: ${detail}`;
  if (err.code === 'UNSUPPORTED_LAYER') return `cannot be scanned: ${detail}`;
  return detail;
}

function shortDigest(digest: string): string {
  const [algorithm, hex = ''] = digest.split(':');
  return `${algorithm}:${hex.slice(0, 12)}…`;
}
