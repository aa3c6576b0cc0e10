'use client';

import Link from 'next/link';
import { whenSpaceReturns } from '@/lib/client/gc-schedule';
import { useConsoleUser, useGcSchedule } from '@/components/shell/console-context';

/**
 * What a delete dialog owes the user: storage is not freed by the delete itself but by garbage collection (the
 * scheduled run deletes untagged images too), and only for blobs nothing else uses. Administrators get a link to
 * run it now.
 */
export function SpaceReturnsNote({ what }: { what: string }) {
  const schedule = useGcSchedule();
  const { isAdmin } = useConsoleUser();
  const when = schedule === undefined ? 'at the next garbage collection run' : whenSpaceReturns(schedule);
  return (
    <span className="mt-2 block" data-testid="space-returns">
      Storage {what} uses that nothing else shares comes back {when}, not at once.
      {isAdmin ? (
        <>
          {' '}
          <Link href="/storage" className="font-medium text-teal-700 underline dark:text-teal-400">
            Run garbage collection now
          </Link>{' '}
          (with untagged manifests) to free it sooner.
        </>
      ) : null}
    </span>
  );
}
