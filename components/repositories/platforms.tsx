import { formatPlatform } from '@/lib/client/format';
import type { PlatformDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';

/** The platforms of an index, or the one platform a single image's config names. */
export function Platforms({ platforms, platform }: { platforms: PlatformDto[]; platform?: PlatformDto | null }) {
  const list = platforms.length > 0 ? platforms : platform ? [platform] : [];
  if (list.length === 0) {
    return (
      <span className="text-slate-600 dark:text-slate-400" title="The image's config names no platform">
        —
      </span>
    );
  }
  return (
    <span className="flex flex-wrap gap-1">
      {list.map((p) => (
        <Badge key={formatPlatform(p)} tone="blue">
          {formatPlatform(p)}
        </Badge>
      ))}
    </span>
  );
}
