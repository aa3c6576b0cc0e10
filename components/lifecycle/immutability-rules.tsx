'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, parseFormFields, type FieldErrors } from '@/lib/client/field-errors';
import { createImmutabilityRule, deleteImmutabilityRule, lifecycleKeys, listImmutabilityRules, type RuleScope } from '@/lib/client/lifecycle-api';
import { createImmutabilityRuleSchema, type ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Td } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useConfirmedItemMutation } from '@/components/ui/use-confirmed-item-mutation';
import { RuleTable } from './rule-table';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Immutability rules of a namespace or repository: tags matching a pattern may not be moved or deleted. */
export function ImmutabilityRules({ scope, canEdit }: { scope: RuleScope; canEdit: boolean }) {
  const query = useQuery({ queryKey: lifecycleKeys.immutability(scope), queryFn: ({ signal }) => listImmutabilityRules(scope, signal) });
  const remove = useConfirmedItemMutation({
    run: (rule: ImmutabilityRuleDto) => deleteImmutabilityRule(scope, rule.id),
    invalidate: [lifecycleKeys.immutability(scope), auditKeys.all],
    done: (rule) => `Rule ${rule.name} deleted`,
  });
  return (
    <Card>
      <CardHeader
        title="Immutable tags"
        description="A tag matching a rule's pattern (RE2, the whole tag) cannot be overwritten or deleted once pushed, by anyone, and retention never removes it."
      />
      <RuleTable
        kind="immutability"
        query={query}
        listedOn={scope}
        canEdit={canEdit}
        empty="No rules: every tag can be moved or deleted by those allowed to push or delete."
        detailLabel="Pattern"
        detail={(r) => (
          <Td>
            <code className="break-all font-mono text-xs">{r.pattern}</code>
          </Td>
        )}
        onDelete={remove.ask}
      />
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
    const data = parseFormFields(createImmutabilityRuleSchema, { name, pattern }, setErrors);
    if (data) create.mutate(data);
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
