import { IMAGE_MANIFEST_TYPES, isForeignLayer } from '@/lib/oci/media-types';
import type { PlatformDto } from '@/lib/schemas/platform';
import { ScanError } from '@/lib/scans/scan-error';
import type { AppContext } from '@/lib/services/context';
import { toPlatform } from '@/lib/services/tags/query-tag-summaries';
import { readImagePlatform } from './read-image-platform';

/** One image to scan: a single image, or one platform's child of an index. */
export interface ScanTarget {
  platform: PlatformDto | null;
  manifestDigest: string;
  /** Filesystem layers in order, base first; `layerIndex` in the report points into this list. */
  layers: Array<{ digest: string; mediaType: string }>;
  /** Things skipped while choosing what to scan (foreign layers), for the report's warnings. */
  warnings: string[];
}

// Layers that carry a filesystem (OCI `…layer.v1.tar[+gzip|+zstd]`, Docker `…rootfs.diff.tar.gzip`). An index child
// without one is an attestation, a signature or another artifact, not a platform's image.
const FILESYSTEM_LAYER = /\.tar(\+[a-z0-9]+)?$|\.tar\.gzip$/;

type ManifestWithBlobs = {
  digest: string;
  mediaType: string;
  configDigest: string | null;
  blobs: Array<{ digest: string; role: string; mediaType: string }>;
  children: Array<{ childDigest: string; mediaType: string; platform: unknown }>;
};

/**
 * What a scan of `digest` reads: for an image, its layers; for an index, every child image of a known platform, in
 * index order. Children for `unknown/unknown` (BuildKit's attestation manifests), nested indexes and children with no
 * filesystem layer are skipped. Rejects with a ScanError when there is nothing to scan or a manifest is missing.
 */
export async function loadScanTargets(app: AppContext, input: { repositoryId: string; digest: string }): Promise<ScanTarget[]> {
  const root = await loadManifest(app, input.repositoryId, input.digest);
  if (!root) throw new ScanError('LAYER_UNREADABLE', `manifest ${input.digest} is no longer in the repository`);
  if (root.children.length === 0) {
    return [imageTarget(root, await readImagePlatform(app, root.configDigest))];
  }
  const targets: ScanTarget[] = [];
  for (const child of root.children) {
    const platform = toPlatform(child.platform);
    if (platform && (platform.os === 'unknown' || platform.architecture === 'unknown')) continue;
    if (!IMAGE_MANIFEST_TYPES.has(child.mediaType)) continue;
    const manifest = await loadManifest(app, input.repositoryId, child.childDigest);
    if (!manifest) {
      throw new ScanError('LAYER_UNREADABLE', `${platform ? platformName(platform) : 'a child image'}: manifest ${child.childDigest} is not in the repository`);
    }
    if (!manifest.blobs.some((b) => b.role === 'layer' && FILESYSTEM_LAYER.test(b.mediaType))) continue;
    targets.push(imageTarget(manifest, platform ?? (await readImagePlatform(app, manifest.configDigest))));
  }
  if (targets.length === 0) throw new ScanError('UNSUPPORTED_LAYER', 'the index holds no image for a known platform');
  return targets;
}

export function platformName(p: PlatformDto): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

function imageTarget(manifest: ManifestWithBlobs, platform: PlatformDto | null): ScanTarget {
  const layers: ScanTarget['layers'] = [];
  const warnings: string[] = [];
  for (const blob of manifest.blobs) {
    if (blob.role !== 'layer') continue;
    // Foreign layers (Windows base layers) live elsewhere and need not be in this registry.
    if (isForeignLayer(blob.mediaType)) warnings.push(`layer ${blob.digest} is a foreign layer (stored elsewhere) and was not scanned`);
    else layers.push({ digest: blob.digest, mediaType: blob.mediaType });
  }
  return { platform, manifestDigest: manifest.digest, layers, warnings };
}

async function loadManifest(app: AppContext, repositoryId: string, digest: string): Promise<ManifestWithBlobs | null> {
  return app.db.manifest.findUnique({
    where: { repositoryId_digest: { repositoryId, digest } },
    select: {
      digest: true,
      mediaType: true,
      configDigest: true,
      blobs: { select: { digest: true, role: true, mediaType: true }, orderBy: { position: 'asc' } },
      children: { select: { childDigest: true, mediaType: true, platform: true }, orderBy: { position: 'asc' } },
    },
  });
}
