'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buildKeys, deleteBuildRule, isActive, listBuildRules, listBuilds, runBuildRule } from '@/lib/client/builds-api';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { errorMessage } from '@/lib/client/field-errors';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { BuildRuleDto } from '@/lib/schemas/builds';
import { Button } from '@/components/ui/button';
import { EmptyLine } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { QueryView } from '@/components/ui/query-view';
import { RelativeTime } from '@/components/ui/relative-time';
import { Loading } from '@/components/ui/skeleton';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { BuildRuleForm } from './build-rule-form';
import { BuildStatus, formatDuration } from './build-status';

/** The Builds tab: the repository's rules (with "Build now") and its build history. */
export function RepositoryBuilds({ repository, can }: { repository: string; can: RepositoryCapabilities }) {
  const [editing, setEditing] = useState<BuildRuleDto | 'new' | null>(null);
  const [secret, setSecret] = useState<{ rule: string; secret: string; path: string } | null>(null);
  return (
    <div className="space-y-8">
      {can.manageBuildRules ? (
        <section aria-labelledby="build-rules-heading" className="space-y-3">
          <div className="flex items-center justify-between">
            <h2 id="build-rules-heading" className="text-lg font-semibold">
              Build rules
            </h2>
            <Button variant="primary" onClick={() => setEditing('new')}>
              New rule
            </Button>
          </div>
          {secret ? (
            <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
              Source webhook for <strong>{secret.rule}</strong>: POST {secret.path} with the secret <code data-testid="webhook-secret">{secret.secret}</code>.
              It is shown this once.
            </div>
          ) : null}
          {editing ? (
            <div className="space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
              <div className="flex justify-end">
                <Button size="sm" onClick={() => setEditing(null)}>
                  Close
                </Button>
              </div>
              <BuildRuleForm
                key={editing === 'new' ? 'new' : editing.id}
                repository={repository}
                rule={editing === 'new' ? undefined : editing}
                onDone={(saved) => {
                  setEditing(null);
                  if (saved.webhookSecret) setSecret({ rule: saved.name, secret: saved.webhookSecret, path: saved.webhookPath });
                }}
              />
            </div>
          ) : null}
          <RuleList repository={repository} canRun={can.runBuilds} onEdit={setEditing} />
        </section>
      ) : null}
      {can.runBuilds ? <BuildHistory repository={repository} /> : null}
    </div>
  );
}

function RuleList({ repository, canRun, onEdit }: { repository: string; canRun: boolean; onEdit: (rule: BuildRuleDto) => void }) {
  const rules = useQuery({ queryKey: buildKeys.rules(repository), queryFn: ({ signal }) => listBuildRules(repository, signal) });
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => deleteBuildRule(repository, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: buildKeys.rules(repository) }),
  });
  return (
    <QueryView
      query={rules}
      loading={<Loading label="Loading rules" />}
      errorTitle="Could not load the build rules"
      isEmpty={(data) => data.length === 0}
      empty={<EmptyLine>No build rules yet: add one to build images from Git.</EmptyLine>}
    >
      {(data) => (
        <ul className="space-y-3" aria-label="Build rules">
          {data.map((rule) => (
            <li key={rule.id} aria-label={`Rule ${rule.name}`} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    {rule.name} {rule.enabled ? null : <span className="text-xs text-slate-500">(disabled)</span>}
                  </p>
                  <p className="break-all text-xs text-slate-500">
                    {rule.source.url} · {rule.trigger.kind} {rule.trigger.pattern} · {rule.dockerfileDir}/{rule.dockerfileName} → {rule.tagTemplate}
                    {rule.noCache ? ' · no cache' : ''}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {canRun && rule.enabled ? <BuildNow repository={repository} rule={rule} /> : null}
                  <Button size="sm" onClick={() => onEdit(rule)}>
                    Edit
                  </Button>
                  <Button size="sm" variant="danger" pending={remove.isPending && remove.variables === rule.id} onClick={() => remove.mutate(rule.id)}>
                    Delete
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </QueryView>
  );
}

function BuildNow({ repository, rule }: { repository: string; rule: BuildRuleDto }) {
  const [ref, setRef] = useState(rule.trigger.kind === 'branch' && /^[\w./-]+$/.test(rule.trigger.pattern) ? rule.trigger.pattern : '');
  const router = useRouter();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => runBuildRule(repository, rule.id, ref.trim()),
    onSuccess: async (build) => {
      await queryClient.invalidateQueries({ queryKey: buildKeys.history(repository) });
      router.push(repositoryHref(repository, { tab: 'build', id: build.id }));
    },
  });
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run.mutate();
      }}
    >
      <Input
        aria-label={`Ref to build with ${rule.name}`}
        className="h-8 w-36"
        value={ref}
        placeholder="branch, tag or commit"
        onChange={(e) => setRef(e.target.value)}
      />
      <Button type="submit" size="sm" variant="primary" pending={run.isPending} disabled={!ref.trim()}>
        Build now
      </Button>
      {run.isError ? (
        <span role="alert" className="text-xs text-red-600">
          {errorMessage(run.error)}
        </span>
      ) : null}
    </form>
  );
}

function BuildHistory({ repository }: { repository: string }) {
  const history = useQuery({
    queryKey: buildKeys.history(repository),
    queryFn: ({ signal }) => listBuilds(repository, signal),
    // Follows queued and running builds until they end.
    refetchInterval: (q) => (q.state.data?.items.some((b) => isActive(b.status)) ? 2000 : false),
  });
  return (
    <section aria-labelledby="build-history-heading" className="space-y-3">
      <h2 id="build-history-heading" className="text-lg font-semibold">
        History
      </h2>
      <QueryView
        query={history}
        loading={<Loading label="Loading builds" />}
        errorTitle="Could not load the builds"
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyLine>No builds yet.</EmptyLine>}
      >
        {(data) => (
          <Table label="Build history">
            <HeaderRow columns={['Status', 'Rule', 'Ref', 'Commit', 'Duration', 'Tags', 'Started']} />
            <TBody>
              {data.items.map((b) => (
                <Tr key={b.id}>
                  <Td>
                    <Link
                      href={repositoryHref(repository, { tab: 'build', id: b.id })}
                      className="hover:underline"
                      aria-label={`Build ${b.id.slice(0, 8)}: ${b.status}`}
                    >
                      <BuildStatus status={b.status} />
                    </Link>
                  </Td>
                  <Td>{b.ruleName}</Td>
                  <Td className="break-all">{b.ref.replace(/^refs\/(heads|tags)\//, '')}</Td>
                  <Td className="font-mono text-xs">{b.commit?.slice(0, 7) ?? '—'}</Td>
                  <Td>{formatDuration(b.durationSeconds)}</Td>
                  <Td>
                    {b.tags.map((t) => (
                      <Link key={t} href={repositoryHref(repository, { tab: 'tag', tag: t })} className="mr-2 text-sky-700 hover:underline dark:text-sky-400">
                        {t}
                      </Link>
                    ))}
                  </Td>
                  <Td>{b.startedAt ? <RelativeTime iso={b.startedAt} /> : 'not yet'}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </QueryView>
    </section>
  );
}
