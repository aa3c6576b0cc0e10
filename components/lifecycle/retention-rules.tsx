'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { errorMessage } from '@/lib/client/field-errors';
import { deleteRetentionRule, lifecycleKeys, listRetentionRules, runRetention, type RuleScope } from '@/lib/client/lifecycle-api';
import { queryKeys } from '@/lib/client/query-keys';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RetentionResultDto, RetentionRuleDto } from '@/lib/schemas/retention';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PlusIcon } from '@/components/ui/icons';
import { TBody, THead, Table, Td, Th, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useConfirmedItemMutation } from '@/components/ui/use-confirmed-item-mutation';
import { describeRule } from './retention-rule-kinds';
import { RetentionRuleDialog } from './retention-rule-dialog';
import { RuleTable } from './rule-table';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Retention rules of a namespace or repository, with a dry-run preview of what they would remove. */
export function RetentionRules({ scope, canEdit }: { scope: RuleScope; canEdit: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: lifecycleKeys.retention(scope), queryFn: ({ signal }) => listRetentionRules(scope, signal) });
  const [editing, setEditing] = useState<RetentionRuleDto | 'new' | null>(null);
  const [applying, setApplying] = useState(false);
  const [result, setResult] = useState<RetentionResultDto | null>(null);
  const remove = useConfirmedItemMutation({
    run: (rule: RetentionRuleDto) => deleteRetentionRule(scope, rule.id),
    onDone: () => setResult(null),
    invalidate: [lifecycleKeys.retention(scope), auditKeys.all],
    done: (rule) => `Rule ${rule.name} deleted`,
  });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => runRetention(scope, dryRun),
    onSuccess: async (res) => {
      setResult(res);
      if (res.dryRun) return;
      setApplying(false);
      toast(`${res.removed.length} ${res.removed.length === 1 ? 'tag' : 'tags'} removed`);
      await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.repositories.all }), queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all })]);
    },
  });
  const rules = query.data ?? [];
  const own = rules.filter((r) => r.scope === scope.kind);

  return (
    <Card>
      <CardHeader
        title="Retention"
        description="Rules that clean up tags, Harbor style: each rule keeps some tags; a tag any rule keeps stays, the others go. They run daily. Immutable tags always stay, and each removal is audited like a delete."
        action={
          canEdit ? (
            <Button size="sm" onClick={() => setEditing('new')}>
              <PlusIcon />
              Add retention rule
            </Button>
          ) : undefined
        }
      />
      <RuleTable
        kind="retention"
        query={query}
        listedOn={scope}
        canEdit={canEdit}
        empty="No rules: no tag is removed automatically."
        detailLabel="Keeps"
        detail={(r) => <Td className="text-slate-700 dark:text-slate-300">{describeRule(r)}</Td>}
        onEdit={setEditing}
        onDelete={remove.ask}
      />
      {canEdit && rules.length > 0 ? (
        <CardBody className="space-y-4 border-t border-slate-200 dark:border-slate-800">
          <div className="flex flex-wrap items-center justify-end gap-2">
            <Button onClick={() => run.mutate(true)} pending={run.isPending && run.variables === true}>
              Preview (dry run)
            </Button>
            {own.length > 0 || scope.kind === 'repository' ? (
              <Button
                variant="danger"
                onClick={() => {
                  run.reset();
                  setApplying(true);
                }}
              >
                Apply now
              </Button>
            ) : null}
          </div>
          {run.error && !applying ? <ErrorNotice error={run.error} /> : null}
          {result ? <RetentionResult result={result} /> : null}
        </CardBody>
      ) : null}
      <RetentionRuleDialog scope={scope} open={editing !== null} rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        {...remove.dialog}
        title={`Delete retention rule ${remove.target?.name ?? ''}?`}
        description="Tags it kept may then be removed by the other rules at their next run."
        confirmLabel="Delete rule"
      />
      <ConfirmDialog
        open={applying}
        onClose={() => setApplying(false)}
        title="Apply the retention rules now?"
        description="Every tag no rule keeps is deleted now, as the daily run would. Use Preview first to see which."
        confirmLabel="Remove tags"
        pending={run.isPending}
        error={run.error ? errorMessage(run.error) : null}
        onConfirm={() => run.mutate(false)}
      />
    </Card>
  );
}

function RetentionResult({ result }: { result: RetentionResultDto }) {
  const n = result.removed.length;
  const title = result.dryRun
    ? n === 0
      ? 'Dry run: no tag would be removed'
      : `Dry run: ${n} ${n === 1 ? 'tag' : 'tags'} would be removed`
    : `${n} ${n === 1 ? 'tag was' : 'tags were'} removed`;
  return (
    <section aria-label="Retention result" className="space-y-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {n > 0 ? (
        <Table label={result.dryRun ? 'Tags that would be removed' : 'Removed tags'}>
          <THead>
            <tr>
              <Th>Tag</Th>
              <Th>Why</Th>
            </tr>
          </THead>
          <TBody>
            {result.removed.map((r) => (
              <Tr key={`${r.repository}:${r.tag}`}>
                <Td className="font-mono text-xs">
                  {result.dryRun ? (
                    <Link href={repositoryHref(r.repository, { tab: 'tag', tag: r.tag })} className="hover:underline">
                      {r.repository}:{r.tag}
                    </Link>
                  ) : (
                    `${r.repository}:${r.tag}`
                  )}
                </Td>
                <Td className="text-slate-700 dark:text-slate-300">{r.reason}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
    </section>
  );
}
