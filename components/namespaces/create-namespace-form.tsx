'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { isApiError } from '@/lib/client/api-fetch';
import { apiFieldErrors, clearsFieldError, errorMessage, parseFormFields, type FieldErrors } from '@/lib/client/field-errors';
import { createNamespace, listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { createNamespaceSchema, namespaceNameSchema, type VisibilityValue } from '@/lib/schemas/namespaces';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardBody } from '@/components/ui/card';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { SwitchRow } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { useRegistryHost } from '@/components/shell/console-context';
import { VisibilityChoice } from '@/components/repositories/visibility';
import { limitReached, NamespaceLimitLine } from './namespace-limit';

/** From the 409's `details.limit` (the API's message is also there, but is not meant for reading aloud here). */
function describeLimit(limit: unknown, owned: number | undefined): string {
  if (typeof limit !== 'number') return 'You already own as many namespaces as you may.';
  const noun = limit === 1 ? 'namespace' : 'namespaces';
  return owned !== undefined && owned >= limit ? `You own ${owned} of the ${limit} ${noun} you may own.` : `You may own at most ${limit} ${noun}.`;
}

export function CreateNamespaceForm() {
  const router = useRouter();
  const toast = useToast();
  const host = useRegistryHost();
  const queryClient = useQueryClient();
  const namespaces = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const [name, setName] = useState('');
  const [autoCreate, setAutoCreate] = useState(true);
  const [visibility, setVisibility] = useState<VisibilityValue>('private');
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const edit = clearsFieldError(setServerErrors);
  const [submitted, setSubmitted] = useState(false);

  const mutation = useMutation({
    mutationFn: createNamespace,
    onSuccess: async (ns) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all });
      toast(`Namespace ${ns.name} created`);
      router.push(`/namespaces/${encodeURIComponent(ns.name)}`);
    },
    onError: (err) => {
      setServerErrors(apiFieldErrors(err));
      // The limit may have been reached from elsewhere meanwhile: show the current count.
      if (isApiError(err, 409)) void queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.list() });
    },
  });

  // Checked as you type with the API's own rule; an empty field is only an error once the form was submitted.
  const nameCheck = namespaceNameSchema.safeParse(name);
  const nameError = serverErrors.name ?? (name || submitted ? (nameCheck.success ? undefined : nameCheck.error.issues[0]?.message) : undefined);
  const limit = namespaces.data?.namespaceLimit;
  const full = limitReached(limit);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    const data = parseFormFields(createNamespaceSchema, { name, autoCreateRepository: autoCreate, defaultVisibility: visibility }, setServerErrors);
    if (data) mutation.mutate(data);
  }

  const err = mutation.error;
  const limitError = isApiError(err) && err.code === 'LIMIT_EXCEEDED';
  const otherError = err && !limitError && Object.keys(apiFieldErrors(err)).length === 0 ? errorMessage(err) : null;

  return (
    <Card className="max-w-2xl">
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-6">
          <div className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {limit ? <NamespaceLimitLine limit={limit} /> : <span className="invisible">Loading your namespace limit</span>}
          </div>
          {full && !limitError ? (
            <Notice tone="warning" title="You have reached your namespace limit">
              You own {limit!.owned} of {limit!.limit} namespaces. Delete a namespace you no longer need, or ask an administrator to raise your limit.
            </Notice>
          ) : null}
          {limitError ? (
            <Notice tone="error" title="Namespace limit reached">
              {describeLimit(err.details.limit, limit?.owned)} Delete a namespace you no longer need, or ask an administrator to raise your limit.
            </Notice>
          ) : null}
          <TextField
            id="ns-name"
            label="Name"
            hint={
              <>
                Lowercase letters and digits, optionally separated by <code>.</code> <code>_</code> <code>__</code> or <code>-</code>. Images will be
                pushed to <code className="font-mono">{host}/{name || '<name>'}/&lt;repository&gt;</code>.
              </>
            }
            error={nameError}
            reserveErrorSpace
            name="name"
            value={name}
            onChange={edit('name', setName)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            maxLength={255}
            inputClassName="font-mono"
          />
          <SwitchRow
            id="ns-auto"
            boxed
            label="Create repositories on push"
            hint="A push to a new repository name creates it. When off, repositories must be created in the console first."
            checked={autoCreate}
            onChange={setAutoCreate}
          />
          <VisibilityChoice name="ns-visibility" legend="Default type of new repositories" value={visibility} onChange={setVisibility} />
          {otherError ? <Notice tone="error">{otherError}</Notice> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <ButtonLink href="/namespaces">Cancel</ButtonLink>
            <Button type="submit" variant="primary" pending={mutation.isPending} disabled={full}>
              Create namespace
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
