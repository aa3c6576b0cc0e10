// How the console speaks of the garbage collection schedule (BERTH_GC_SCHEDULE, a cron expression in UTC, or null
// when scheduled runs are off): the delete dialogs promise space back only as truly as this says.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "daily at 03:00 UTC", "every Sunday at 02:30 UTC", "on the cron schedule `*\/15 * * * *` (UTC)", or "off". */
export function describeGcSchedule(schedule: string | null): string {
  if (!schedule) return 'off';
  const f = schedule.trim().split(/\s+/);
  if (f.length === 5) {
    const [min, hour, dom, month, dow] = f as [string, string, string, string, string];
    const at = /^\d{1,2}$/.test(min) && /^\d{1,2}$/.test(hour) ? `${hour.padStart(2, '0')}:${min.padStart(2, '0')} UTC` : null;
    if (at && dom === '*' && month === '*') {
      if (dow === '*') return `daily at ${at}`;
      if (/^[0-7]$/.test(dow)) return `every ${DAYS[Number(dow) % 7]} at ${at}`;
    }
    if (min === '0' && hour === '*' && dom === '*' && month === '*' && dow === '*') return 'hourly';
  }
  return `on the cron schedule ${schedule} (UTC)`;
}

/** When the space a deletion leaves unreferenced comes back, as a sentence's end: "at the next garbage collection (daily at 03:00 UTC)". */
export function whenSpaceReturns(schedule: string | null): string {
  return schedule
    ? `at the next garbage collection run (${describeGcSchedule(schedule)})`
    : 'only when an administrator runs garbage collection (scheduled runs are off)';
}
