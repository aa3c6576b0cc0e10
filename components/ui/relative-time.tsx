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

/** "5 minutes ago (7 Dec 2026, 17:10)": the relative time with the exact one beside it. */
export function ExactTime({ iso }: { iso: string }) {
  return (
    <span>
      <RelativeTime iso={iso} /> <span className="text-slate-500 dark:text-slate-400">({formatDateTime(iso)})</span>
    </span>
  );
}
