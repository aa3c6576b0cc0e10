'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { PolicyDto } from '@/lib/schemas/policies';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader, SectionCard } from '@/components/ui/card';
import { CopyIcon, UsersIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { userKeys } from '@/lib/client/users-api';
import { deletePolicy, getPolicy, policyKeys } from '@/lib/client/policies-api';
import { DangerZone } from '@/components/ui/danger-zone';
import { useConfirmedMutation } from '@/components/ui/use-confirmed-mutation';
import { formatPolicyDocument } from './format-policy';
import { PolicyDocumentField } from './policy-document-field';
import { PolicyForm } from './policy-form';

/** One policy: its document (editable unless built in), who it is attached to, and delete. */
export function PolicyDetail({ initial, resourcePrefix }: { initial: PolicyDto; resourcePrefix: string }) {
  const query = useQuery({ queryKey: policyKeys.detail(initial.name), queryFn: ({ signal }) => getPolicy(initial.name, signal), initialData: initial });
  const policy = query.data;
  const copyHref = `/policies/new?from=${encodeURIComponent(policy.name)}`;

  return (
    <>
      <PageHeader
        parent={{ href: '/policies', label: 'Policies' }}
        title={<span className="font-mono">{policy.name}</span>}
        badges={policy.builtin ? <Badge>built-in</Badge> : null}
        description={
          <>
            {policy.description || 'No description.'}
            {policy.updatedAt ? (
              <>
                {' '}
                · updated <RelativeTime iso={policy.updatedAt} />
              </>
            ) : null}
          </>
        }
        actions={
          <ButtonLink href={copyHref}>
            <CopyIcon />
            Copy to new policy
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Document"
            description={policy.builtin ? 'Built-in policies come with Berth and cannot be changed.' : 'Changes apply to every attached user on their next request.'}
          />
          <CardBody>
            {policy.builtin ? (
              <div className="space-y-3">
                <Notice tone="info">
                  This policy is read-only. To adjust it, <Link href={copyHref} className="font-medium underline">copy it into a new policy</Link> and
                  edit that.
                </Notice>
                <PolicyDocumentField id="policy-document" value={formatPolicyDocument(policy.document)} readOnly resourcePrefix={resourcePrefix} />
              </div>
            ) : (
              <PolicyForm key={policy.updatedAt} policy={policy} initialText={formatPolicyDocument(policy.document)} resourcePrefix={resourcePrefix} />
            )}
          </CardBody>
        </Card>
        <SectionCard title="Attached to" description="Attach and detach policies on each user's page.">
          {policy.users.length === 0 ? (
            <div className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
              <UsersIcon className="size-5 text-slate-500 dark:text-slate-400" />
              <p>
                No user has this policy yet. Open a user on the <Link href="/users" className="font-medium text-teal-800 underline dark:text-teal-300">Users</Link>{' '}
                page to attach it.
              </p>
            </div>
          ) : (
            <ul className="flex flex-wrap gap-2" aria-label="Users with this policy">
              {policy.users.map((u) => (
                <li key={u}>
                  <Link href={`/users/${encodeURIComponent(u)}`} className="hover:underline">
                    <Badge tone="teal">{u}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        {!policy.builtin ? <DeletePolicy policy={policy} /> : null}
      </div>
    </>
  );
}

function DeletePolicy({ policy }: { policy: PolicyDto }) {
  const flow = useConfirmedMutation({
    run: () => deletePolicy(policy.name),
    forget: policyKeys.detail(policy.name),
    invalidate: [policyKeys.all, userKeys.all],
    done: `Policy ${policy.name} deleted`,
    goTo: '/policies',
  });
  const n = policy.users.length;
  return (
    <DangerZone
      action="Delete policy"
      description="Deletes the policy and detaches it from every user. This cannot be undone."
      question={`Delete policy ${policy.name}?`}
      consequence={n > 0 ? `It is attached to ${n} ${n === 1 ? 'user' : 'users'}, who lose what it allowed (and what it denied).` : 'No user has it attached.'}
      confirmText={n > 0 ? policy.name : undefined}
      flow={flow}
    />
  );
}
