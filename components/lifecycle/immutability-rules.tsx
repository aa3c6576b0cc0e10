'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createImmutabilityRule, deleteImmutabilityRule, lifecycleKeys, listImmutabilityRules, type RuleScope } from '@/lib/client/lifecycle-api';
import { createImmutabilityRuleSchema, type ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { TableSkeleton } from '@/components/ui/skeleton';
import { HeaderRow, TBody, Table, Td, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useConfirmedItemMutation } from '@/components/ui/use-confirmed-item-mutation';
import { RuleActionsCell, RuleScopeCell } from './rule-cells';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Immutability rules of a namespace or repository: tags matching a pattern may not be moved or deleted. */
export function ImmutabilityRules({ scope, canEdit }: { scope: RuleScope; canEdit: boolean }) {
  const query = useQuery({ queryKey: lifecycleKeys.immutability(scope), queryFn: ({ signal }) => listImmutabilityRules(scope, signal) });
  const remove = useConfirmedItemMutation({
    run: (rule: ImmutabilityRuleDto) => deleteImmutabilityRule(scope, rule.id),
    invalidate: [lifecycleKeys.immutability(scope), auditKeys.all],
    done: (rule) => `Rule ${rule.name} deleted`,
  });
  const rules = query.data ?? [];
  return (
    <Card>
      <CardHeader
        title="Immutable tags"
        description="A tag matching a rule's pattern (RE2, the whole tag) cannot be overwritten or deleted once pushed, by anyone, and retention never removes it."
      />
      {query.isPending ? (
        <TableSkeleton rows={2} label="Loading immutability rules" />
      ) : query.isError ? (
        <CardBody>
          <ErrorNotice error={query.error} />
        </CardBody>
      ) : rules.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">No rules: every tag can be moved or deleted by those allowed to push or delete.</p>
      ) : (
        <Table label="Immutability rules" className="rounded-none border-0">
          <HeaderRow columns={['Name', 'Pattern', { label: 'Applies to', className: 'hidden sm:table-cell' }, ...(canEdit ? [{ label: 'Actions', hidden: true }] : [])]} />
          <TBody>
            {rules.map((r) => (
              <Tr key={r.id} data-testid={`immutability-rule-${r.name}`}>
                <Td className="font-medium">{r.name}</Td>
                <Td>
                  <code className="break-all font-mono text-xs">{r.pattern}</code>
                </Td>
                <RuleScopeCell scope={r.scope} />
                {canEdit ? <RuleActionsCell kind="immutability" rule={r} listedOn={scope} onDelete={() => remove.ask(r)} /> : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {canEdit ? (
        <CardBody className="border-t border-slate-200 dark:border-slate-800">
          <AddImmutabilityRuleForm scope={scope} />
        </CardBody>
      ) : null}
      <ConfirmDialog
        {...remove.dialog}
        title={`Delete immutability rule ${remove.target?.name ?? ''}?`}
        description="Tags it protected can then be moved or deleted again."
        confirmLabel="Delete rule"
      />
    </Card>
  );
}

function AddImmutabilityRuleForm({ scope }: { scope: RuleScope }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation({
    mutationFn: (data: { name: string; pattern: string }) => createImmutabilityRule(scope, data),
    onSuccess: async (rule) => {
      setName('');
      setPattern('');
      await Promise.all([queryClient.invalidateQueries({ queryKey: lifecycleKeys.immutability(scope) }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      toast(`Tags matching ${rule.pattern} are now immutable`);
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createImmutabilityRuleSchema.safeParse({ name, pattern });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }
  return (
    <form onSubmit={submit} aria-label="Add an immutability rule" noValidate className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto] sm:items-start">
        <TextField
          id="immutability-name"
          label="Rule name"
          error={errors.name}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="releases"
          autoComplete="off"
        />
        <TextField
          id="immutability-pattern"
          label="Tag pattern"
          hint={<>RE2, matched against the whole tag: <code className="font-mono">^v[0-9]</code>, <code className="font-mono">release-.*</code></>}
          error={errors.pattern}
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
          placeholder="^v[0-9]"
          inputClassName="font-mono"
          spellCheck={false}
          autoComplete="off"
        />
        <Button type="submit" variant="primary" pending={create.isPending} className="sm:mt-6">
          Add rule
        </Button>
      </div>
      {create.error && !errors.name && !errors.pattern ? <ErrorNotice error={create.error} /> : null}
    </form>
  );
}
