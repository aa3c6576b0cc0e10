'use client';

import type { NamespaceDto } from '@/lib/schemas/namespaces';
import { ImmutabilityRules } from './immutability-rules';
import { QuotaCard } from './quota-card';
import { RetentionRules } from './retention-rules';

/** A namespace's lifecycle settings: quota (administrators change it), retention and immutability rules. */
export function NamespaceLifecycle({ ns, canEdit, canManageQuota }: { ns: NamespaceDto; canEdit: boolean; canManageQuota: boolean }) {
  const scope = { kind: 'namespace', name: ns.name } as const;
  return (
    <section aria-labelledby="lifecycle-heading" className="space-y-6">
      <h2 id="lifecycle-heading" className="text-lg font-semibold">
        Lifecycle
      </h2>
      <QuotaCard ns={ns} canManage={canManageQuota} />
      <RetentionRules scope={scope} canEdit={canEdit} />
      <ImmutabilityRules scope={scope} canEdit={canEdit} />
    </section>
  );
}

/** A repository's own retention and immutability rules, listed with its namespace's (which apply to it too). */
export function RepositoryLifecycle({ repository, canEdit }: { repository: string; canEdit: boolean }) {
  const scope = { kind: 'repository', name: repository } as const;
  return (
    <div className="space-y-6">
      <RetentionRules scope={scope} canEdit={canEdit} />
      <ImmutabilityRules scope={scope} canEdit={canEdit} />
    </div>
  );
}
