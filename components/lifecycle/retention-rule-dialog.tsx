'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { auditKeys } from '@/lib/client/audit-api';
import { apiFieldErrors, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createRetentionRule, lifecycleKeys, updateRetentionRule, type RuleScope } from '@/lib/client/lifecycle-api';
import { createRetentionRuleSchema, type CreateRetentionRuleInput, type RetentionRuleDto } from '@/lib/schemas/retention';
import { Dialog, DialogFormActions } from '@/components/ui/dialog';
import { Field, TextField } from '@/components/ui/field';
import { Options, Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { RULE_KIND_LABEL, RULE_KINDS, RULE_VALUE_LABEL, ruleInput, ruleKind, ruleValue, type RuleKind } from './retention-rule-kinds';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Adds a retention rule, or edits one (`rule`): a name and exactly one criterion. */
export function RetentionRuleDialog({ scope, open, rule, onClose }: { scope: RuleScope; open: boolean; rule: RetentionRuleDto | null; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={rule ? `Edit retention rule ${rule.name}` : 'Add a retention rule'}
      description="Each rule names tags to keep. A tag any rule keeps stays; once there is a rule, every other tag goes when the rules run (daily, or with Apply now). Immutable tags always stay."
    >
      <RetentionRuleForm scope={scope} rule={rule} onClose={onClose} />
    </Dialog>
  );
}

function RetentionRuleForm({ scope, rule, onClose }: { scope: RuleScope; rule: RetentionRuleDto | null; onClose: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<RuleKind>(rule ? ruleKind(rule) : 'keepNewest');
  const [value, setValue] = useState(rule ? ruleValue(rule) : '10');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: (data: CreateRetentionRuleInput) => (rule ? updateRetentionRule(scope, rule.id, data) : createRetentionRule(scope, data)),
    onSuccess: async (saved) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: lifecycleKeys.retention(scope) }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      toast(rule ? `Rule ${saved.name} saved` : `Rule ${saved.name} added`);
      onClose();
    },
    onError: (err) => setErrors(valueErrors(apiFieldErrors(err), kind)),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = createRetentionRuleSchema.safeParse(ruleInput(name, kind, value));
    if (!parsed.success) {
      const fe = valueErrors(zodFieldErrors(parsed.error), kind);
      // zod's own words for NaN and bounds speak of types; say what the field takes.
      if (fe.value && kind !== 'keepMatching') fe.value = kind === 'keepNewest' ? 'a whole number from 1 to 100000' : 'a whole number of days from 1 to 36500';
      setErrors(fe);
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }
  const numeric = kind !== 'keepMatching';
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        id="retention-name"
        label="Rule name"
        error={errors.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="keep-recent"
        autoComplete="off"
      />
      <Field id="retention-kind" label="Kind">
        <Select
          id="retention-kind"
          value={kind}
          onChange={(e) => {
            const next = e.target.value as RuleKind;
            setKind(next);
            setValue(next === 'keepMatching' ? '^v' : next === 'keepNewest' ? '10' : '30');
            setErrors({});
          }}
        >
          <Options values={RULE_KINDS} label={(k) => RULE_KIND_LABEL[k]} />
        </Select>
      </Field>
      <TextField
        id="retention-value"
        label={RULE_VALUE_LABEL[kind]}
        hint={kind === 'keepMatching' ? 'Matched against the whole tag: ^v.* keeps every tag starting with v.' : undefined}
        error={errors.value}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        inputMode={numeric ? 'numeric' : undefined}
        inputClassName={numeric ? 'max-w-40' : 'font-mono'}
        spellCheck={false}
        autoComplete="off"
      />
      {save.error && !errors.name && !errors.value ? <ErrorNotice error={save.error} /> : null}
      <DialogFormActions submitLabel={rule ? 'Save rule' : 'Add rule'} pending={save.isPending} onCancel={onClose} />
    </form>
  );
}

/** The criterion's errors go under the one value field the form shows for it. */
function valueErrors(errors: FieldErrors, kind: RuleKind): FieldErrors {
  return { name: errors.name, value: errors[kind] ?? errors['(body)'] };
}
