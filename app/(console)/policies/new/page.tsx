import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { DomainError } from '@/lib/errors/domain-error';
import { getPolicy } from '@/lib/services/policies/get-policy';
import { formatPolicyDocument } from '@/components/policies/format-policy';
import { PolicyForm } from '@/components/policies/policy-form';
import { Card, CardBody } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getConsoleActor } from '../../console-user';
import { requireOnInstance } from '../../users/instance-access';
import { resourcePrefix } from '../resource-prefix';

export const metadata: Metadata = { title: 'New policy' };

type Props = { searchParams: Promise<{ from?: string | string[] }> };

function template(prefix: string): string {
  const doc = {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['cr:PullRepository', 'cr:GetRepository', 'cr:ListTag'], Resource: [`${prefix}repository/team/*`] }],
  };
  return JSON.stringify(doc, null, 2);
}

/** A new policy from a starting template, or from a copy of another (`?from=<name>`, e.g. a built-in one). */
export default async function NewPolicyPage({ searchParams }: Props) {
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManagePolicy');
  const from = (await searchParams).from;
  // A copy of a policy that is gone meanwhile starts from the template instead.
  const source =
    typeof from === 'string' ? await getPolicy(app, { actor, name: from }).catch((err) => (err instanceof DomainError && err.kind === 'absent' ? null : Promise.reject(err))) : null;
  const prefix = resourcePrefix(app);
  return (
    <>
      <PageHeader
        parent={{ href: '/policies', label: 'Policies' }}
        title="New policy"
        description={source ? `Starting from a copy of ${source.name}.` : 'Allow or deny actions on resources; attach the policy to users afterwards.'}
      />
      <Card>
        <CardBody>
          <PolicyForm
            initialText={source ? formatPolicyDocument(source.document) : template(prefix)}
            initialDescription={source ? `Based on ${source.name}. ${source.description}`.slice(0, 1000) : ''}
            resourcePrefix={prefix}
          />
        </CardBody>
      </Card>
    </>
  );
}
