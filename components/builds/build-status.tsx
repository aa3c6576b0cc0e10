import type { BuildDto } from '@/lib/schemas/builds';
import { Badge } from '@/components/ui/badge';

const TONE = { queued: 'neutral', running: 'blue', succeeded: 'green', failed: 'red', cancelled: 'amber' } as const;

export function BuildStatus({ status }: { status: BuildDto['status'] }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
