import type { PlatformDto } from '@/lib/schemas/repositories';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB". Binary units, as `du -h` and most registries show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/** `sha256:0123456789ab…` → `sha256:0123456789ab` (the 12 hex characters Docker shows as an image ID). */
export function shortDigest(digest: string): string {
  const i = digest.indexOf(':');
  return i < 0 ? digest.slice(0, 12) : `${digest.slice(0, i)}:${digest.slice(i + 1, i + 13)}`;
}

export function formatPlatform(p: PlatformDto): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago". */
export function formatRelative(iso: string, now = Date.now()): string {
  let delta = (new Date(iso).getTime() - now) / 1000;
  if (Math.abs(delta) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(delta) < size) return rtf.format(Math.round(delta), unit);
    delta /= size;
  }
  return rtf.format(Math.round(delta), 'year');
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** `application/vnd.oci.image.layer.v1.tar+gzip` → `OCI layer (gzip)`; unknown types are returned as they are. */
export function describeMediaType(mediaType: string): string {
  const known: Record<string, string> = {
    'application/vnd.oci.image.manifest.v1+json': 'OCI image',
    'application/vnd.oci.image.index.v1+json': 'OCI index',
    'application/vnd.docker.distribution.manifest.v2+json': 'Docker image',
    'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker manifest list',
    'application/vnd.oci.image.layer.v1.tar': 'OCI layer',
    'application/vnd.oci.image.layer.v1.tar+gzip': 'OCI layer (gzip)',
    'application/vnd.oci.image.layer.v1.tar+zstd': 'OCI layer (zstd)',
    'application/vnd.docker.image.rootfs.diff.tar.gzip': 'Docker layer (gzip)',
    'application/vnd.oci.image.config.v1+json': 'OCI config',
    'application/vnd.docker.container.image.v1+json': 'Docker config',
    'application/vnd.oci.empty.v1+json': 'empty',
  };
  return known[mediaType] ?? mediaType;
}

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === 'application/vnd.oci.image.index.v1+json' || mediaType === 'application/vnd.docker.distribution.manifest.list.v2+json';
}
