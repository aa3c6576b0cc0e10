'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiFieldErrors, clearsFieldError, errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { createRepository } from '@/lib/client/repositories-api';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { VisibilityValue } from '@/lib/schemas/namespaces';
import { createRepositorySchema, SUMMARY_MAX_LENGTH } from '@/lib/schemas/repositories';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardBody } from '@/components/ui/card';
import { Field, TextField, fieldDescribedBy } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { useRegistryHost } from '@/components/shell/console-context';
import { VisibilityChoice } from './visibility';

export function CreateRepositoryForm({ initialNamespace }: { initialNamespace?: string }) {
  const router = useRouter();
  const toast = useToast();
  const host = useRegistryHost();
  const queryClient = useQueryClient();
  const namespaces = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const [namespace, setNamespace] = useState(initialNamespace ?? '');
  const [name, setName] = useState('');
  // Until the user picks one, the type follows the namespace's default for new repositories.
  const [visibility, setVisibility] = useState<VisibilityValue | null>(null);
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const edit = clearsFieldError(setErrors);
  const [submitted, setSubmitted] = useState(false);

  const items = namespaces.data?.items ?? [];
  const selected = namespace || items[0]?.name || '';
  const effectiveVisibility = visibility ?? items.find((n) => n.name === selected)?.defaultVisibility ?? 'private';

  const create = useMutation({
    mutationFn: createRepository,
    onSuccess: async (repo) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all }),
      ]);
      toast(`Repository ${repo.name} created`);
      router.push(repositoryHref(repo.name));
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });

  const input = { namespace: selected, name, visibility: effectiveVisibility, ...(summary ? { summary } : {}) };
  const live = createRepositorySchema.safeParse(input);
  const liveErrors = live.success ? {} : zodFieldErrors(live.error);
  // Name problems show as you type; an empty name only after submitting.
  const nameError = errors.name ?? (name || submitted ? liveErrors.name : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!live.success) {
      setErrors(liveErrors);
      return;
    }
    setErrors({});
    create.mutate(live.data);
  }

  if (namespaces.isPending) {
    return (
      <Card className="max-w-2xl">
        <CardBody className="space-y-4">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-24 w-full" />
        </CardBody>
      </Card>
    );
  }
  if (items.length === 0) {
    return (
      <Notice tone="info" title="You need a namespace first" className="max-w-2xl">
        Repositories live in namespaces, and you cannot see any yet.{' '}
        <a href="/namespaces/new" className="font-medium underline">
          Create a namespace
        </a>{' '}
        or ask a namespace owner to add you as a member.
      </Notice>
    );
  }

  const unattributed = create.error && Object.keys(apiFieldErrors(create.error)).length === 0 ? errorMessage(create.error) : null;
  return (
    <Card className="max-w-2xl">
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-5">
          <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_auto_1fr] sm:items-start">
            <Field id="repo-namespace" label="Namespace" error={errors.namespace} reserveErrorSpace>
              <Select
                id="repo-namespace"
                value={selected}
                onChange={edit('namespace', setNamespace)}
                aria-invalid={!!errors.namespace || undefined}
                aria-describedby={fieldDescribedBy('repo-namespace', { error: true })}
              >
                {items.map((n) => (
                  <option key={n.id} value={n.name}>
                    {n.name}
                  </option>
                ))}
              </Select>
            </Field>
            <span aria-hidden="true" className="hidden pt-8 text-lg text-slate-500 sm:block dark:text-slate-400">
              /
            </span>
            <TextField
              id="repo-name"
              label="Repository name"
              error={nameError}
              reserveErrorSpace
              value={name}
              onChange={edit('name', setName)}
              autoFocus
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              placeholder="e.g. api or tools/cli"
              inputClassName="font-mono"
            />
          </div>
          <p className="-mt-3 text-xs text-slate-500 dark:text-slate-400">
            Lowercase letters and digits, separated by <code>.</code> <code>_</code> <code>__</code> <code>-</code> or <code>/</code>. Pull it as{' '}
            <code className="break-all font-mono">
              {host}/{selected}/{name || '<name>'}
            </code>
            .
          </p>
          <VisibilityChoice name="repo-visibility" legend="Type" value={effectiveVisibility} onChange={setVisibility} />
          <TextField
            id="repo-summary"
            label={
              <>
                Summary <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
              </>
            }
            hint={`${summary.length}/${SUMMARY_MAX_LENGTH} characters. One line shown in lists; add a longer Markdown description on the repository page.`}
            error={errors.summary}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            maxLength={SUMMARY_MAX_LENGTH}
          />
          {unattributed ? <Notice tone="error">{unattributed}</Notice> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <ButtonLink href="/repositories">Cancel</ButtonLink>
            <Button type="submit" variant="primary" pending={create.isPending}>
              Create repository
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
