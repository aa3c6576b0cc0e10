'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import type { PolicyDto } from '@/lib/schemas/policies';
import type { UserDto } from '@/lib/schemas/users';
import { Badge } from '@/components/ui/badge';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { ShieldIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { attachPolicy, detachPolicy, listPolicies, policyKeys } from '@/lib/client/policies-api';
import { userKeys } from '@/lib/client/users-api';

/** The policies attached to a user: attach another, detach one. */
export function UserPoliciesCard({ user, initialPolicies }: { user: UserDto; initialPolicies: PolicyDto[] }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: policyKeys.list(), queryFn: ({ signal }) => listPolicies(signal), initialData: initialPolicies });
  const available = policies.data.filter((p) => !user.policies.includes(p.name));
  const [choice, setChoice] = useState('');
  const selected = available.some((p) => p.name === choice) ? choice : '';

  const settle = async (policies: string[]) => {
    queryClient.setQueryData<UserDto[]>(userKeys.list(), (list) => list?.map((u) => (u.id === user.id ? { ...u, policies } : u)));
    await Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.all }), queryClient.invalidateQueries({ queryKey: policyKeys.all })]);
  };
  const attach = useMutation({
    mutationFn: (policy: string) => attachPolicy(user.username, policy),
    onSuccess: async (res, policy) => {
      await settle(res.policies);
      setChoice('');
      toast(`${policy} attached to ${user.username}`);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const detach = useMutation({
    mutationFn: (policy: string) => detachPolicy(user.username, policy),
    onSuccess: async (res, policy) => {
      await settle(res.policies);
      toast(`${policy} detached from ${user.username}`);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (selected) attach.mutate(selected);
  }

  return (
    <Card>
      <CardHeader
        title="Policies"
        description="What policies allow adds to the user's own namespaces and the permissions granted to them; a Deny overrides both."
        action={
          <ButtonLink size="sm" href={`/policies/simulate?username=${encodeURIComponent(user.username)}`}>
            Simulate access
          </ButtonLink>
        }
      />
      <CardBody className="space-y-5">
        {user.policies.length === 0 ? (
          <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 px-4 py-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <ShieldIcon className="size-5 shrink-0 text-slate-500 dark:text-slate-400" />
            <p>No policies attached. Attach one below, or grant access on a namespace or repository instead.</p>
          </div>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label={`Policies of ${user.username}`}>
            {user.policies.map((name) => {
              const policy = policies.data.find((p) => p.name === name);
              return (
                <li key={name} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div className="min-w-0">
                    <p className="flex items-center gap-2">
                      <Link href={`/policies/${encodeURIComponent(name)}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                        {name}
                      </Link>
                      {policy?.builtin ? <Badge>built-in</Badge> : null}
                    </p>
                    {policy?.description ? <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{policy.description}</p> : null}
                  </div>
                  <Button
                    size="sm"
                    onClick={() => detach.mutate(name)}
                    pending={detach.isPending && detach.variables === name}
                    aria-label={`Detach ${name} from ${user.username}`}
                  >
                    Detach
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        {available.length > 0 ? (
          <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
            <Field id="attach-policy" label="Attach a policy" className="flex-1">
              <Select id="attach-policy" value={selected} onChange={(e) => setChoice(e.target.value)}>
                <option value="">Choose a policy…</option>
                {available.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                    {p.builtin ? ' (built-in)' : ''}
                  </option>
                ))}
              </Select>
            </Field>
            <Button type="submit" variant="primary" disabled={!selected} pending={attach.isPending}>
              Attach
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every policy is attached. <Link href="/policies/new" className="font-medium text-teal-800 underline dark:text-teal-300">Write a new policy</Link>{' '}
            to give this user something else.
          </p>
        )}
      </CardBody>
    </Card>
  );
}
