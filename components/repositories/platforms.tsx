import { formatPlatform } from '@/lib/client/format';
import type { PlatformDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';

/** The platforms of an index; a single image's platform is in its config, which the API does not report. */
export function Platforms({ platforms }: { platforms: PlatformDto[] }) {
  if (platforms.length === 0) {
    return (
      <span className="text-slate-400 dark:text-slate-500" title="A single-platform image; its platform is recorded in its config">
        single image
      </span>
    );
  }
  return (
    <span className="flex flex-wrap gap-1">
      {platforms.map((p) => (
        <Badge key={formatPlatform(p)} tone="blue">
          {formatPlatform(p)}
        </Badge>
      ))}
    </span>
  );
}
