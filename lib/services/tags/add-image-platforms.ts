import { LRUCache } from 'lru-cache';
import { IMAGE_MANIFEST_TYPES } from '@/lib/oci/media-types';
import type { PlatformDto, TagDto } from '@/lib/schemas/repositories';
import type { AppContext } from '@/lib/services/context';
import { readImagePlatform } from '@/lib/services/scans/read-image-platform';

// A config blob is content addressed, so the platform read from it never changes: cache it by digest, and a page of
// tags reads at most the configs it has not seen before. `null` (no platform named) is cached too, as 'none'.
const cache = new LRUCache<string, PlatformDto | 'none'>({ max: 20_000 });

/**
 * Each image on a page with the platform its config names (`linux/amd64`), read from the config blob the first time
 * and remembered after. An index's platforms come from its descriptors and are already there.
 */
export async function addImagePlatforms<T extends TagDto>(app: AppContext, items: readonly T[]): Promise<T[]> {
  return Promise.all(
    items.map(async (tag) => {
      if (!IMAGE_MANIFEST_TYPES.has(tag.mediaType) || !tag.configDigest) return tag;
      let found = cache.get(tag.configDigest);
      if (found === undefined) {
        found = (await readImagePlatform(app, tag.configDigest)) ?? 'none';
        cache.set(tag.configDigest, found);
      }
      return { ...tag, platform: found === 'none' ? null : found };
    }),
  );
}
