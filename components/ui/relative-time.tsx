import { formatDateTime, formatRelative } from '@/lib/client/format';

/** "5 minutes ago", with the exact time as a tooltip and in the machine-readable attribute. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    // The relative text depends on the clock, which differs between the server render and hydration.
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {formatRelative(iso)}
    </time>
  );
}
