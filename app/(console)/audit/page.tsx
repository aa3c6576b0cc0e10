import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getAppContext } from '@/lib/server/app-context-global';
import { AuditLog } from '@/components/audit/audit-log';
import { TableSkeleton } from '@/components/ui/skeleton';
import { getConsoleActor } from '../console-user';
import { mayOnInstance } from '../users/instance-access';

export const metadata: Metadata = { title: 'Audit log' };

/** Everyone may open it: the service shows a namespace owner their namespaces' events, an auditor every event. */
export default async function AuditPage() {
  const app = getAppContext();
  const everything = await mayOnInstance(app, await getConsoleActor(), 'cr:GetAudit');
  return (
    <Suspense fallback={<TableSkeleton label="Loading audit events" rows={8} />}>
      <AuditLog everything={everything} />
    </Suspense>
  );
}
