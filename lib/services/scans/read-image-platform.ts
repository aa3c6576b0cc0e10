import type { PlatformDto } from '@/lib/schemas/platform';
import type { AppContext } from '@/lib/services/context';
import { blobKey } from '@/lib/storage/keys';

// Image configs are a few KiB; one larger than this is not read for a platform name.
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The platform an image's config names (os, architecture, variant), or null when it names none or cannot be read. */
export async function readImagePlatform(app: AppContext, configDigest: string | null): Promise<PlatformDto | null> {
  if (!configDigest) return null;
  try {
    const stat = await app.storage.stat(blobKey(configDigest));
    if (!stat || stat.size > MAX_CONFIG_BYTES) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of await app.storage.read(blobKey(configDigest))) chunks.push(chunk as Buffer);
    const config = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    if (typeof config.os !== 'string' || typeof config.architecture !== 'string' || !config.os || !config.architecture) return null;
    return { os: config.os, architecture: config.architecture, ...(typeof config.variant === 'string' && config.variant ? { variant: config.variant } : {}) };
  } catch {
    // A missing or malformed config only costs the report its platform name; the layers decide the scan.
    return null;
  }
}
