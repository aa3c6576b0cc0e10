'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { parsePolicyText, type PolicyError } from '@/lib/access/policy-document';
import { ApiError } from '@/lib/client/api-fetch';
import { apiFieldErrors, clearsFieldError, errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createPolicySchema, policyNameSchema, updatePolicySchema, type PolicyDto } from '@/lib/schemas/policies';
import { Button, ButtonLink } from '@/components/ui/button';
import { Field, TextField, fieldDescribedBy } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { useToast } from '@/components/ui/toast';
import { documentFieldErrors } from './locate-policy-errors';
import { createPolicy, policyKeys, updatePolicy } from '@/lib/client/policies-api';
import { formatPolicyDocument } from './format-policy';
import { PolicyDocumentField } from './policy-document-field';

/** The document text sent last and the server's errors for it. */
type ServerVerdict = { text: string; errors: PolicyError[] } | null;

function serverDocumentErrors(err: unknown): PolicyError[] {
  return err instanceof ApiError ? documentFieldErrors(err.fields as Array<{ path: string; message: string } & Record<string, unknown>>) : [];
}

/**
 * Creates a policy (`policy` absent) or edits a custom one. The name and document are checked as they are typed
 * with the API's own schema and validator; what the server still refuses is shown beside the same fields.
 */
export function PolicyForm({ policy, initialText, initialDescription = '', resourcePrefix }: {
  policy?: PolicyDto;
  initialText: string;
  initialDescription?: string;
  resourcePrefix: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const editing = policy !== undefined;
  const [name, setName] = useState('');
  const [description, setDescription] = useState(policy?.description ?? initialDescription);
  const [text, setText] = useState(initialText);
  const [submitted, setSubmitted] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const edit = clearsFieldError(setFieldErrors);
  const [verdict, setVerdict] = useState<ServerVerdict>(null);

  const save = useMutation({
    mutationFn: async (sent: { text: string }) => {
      if (editing) return updatePolicy(policy.name, updatePolicySchema.parse({ description, document: sent.text }));
      return createPolicy(createPolicySchema.parse({ name, description, document: sent.text }));
    },
    onSuccess: async (saved) => {
      setVerdict(null);
      queryClient.setQueryData(policyKeys.detail(saved.name), saved);
      await queryClient.invalidateQueries({ queryKey: policyKeys.list() });
      toast(editing ? `Policy ${saved.name} saved` : `Policy ${saved.name} created`);
      if (editing) setText(formatPolicyDocument(saved.document));
      else router.push(`/policies/${encodeURIComponent(saved.name)}`);
    },
    onError: (err, sent) => {
      setFieldErrors(apiFieldErrors(err));
      setVerdict({ text: sent.text, errors: serverDocumentErrors(err) });
    },
  });

  const nameCheck = policyNameSchema.safeParse(name);
  const nameError = fieldErrors.name ?? (!editing && (name || submitted) && !nameCheck.success ? nameCheck.error.issues[0]?.message : undefined);
  const documentOk = parsePolicyText(text).ok;
  const dirty = !editing || description !== policy.description || text !== formatPolicyDocument(policy.document);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setFieldErrors({});
    const parsed = editing
      ? updatePolicySchema.safeParse({ description, document: text })
      : createPolicySchema.safeParse({ name, description, document: text });
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      return;
    }
    if (!documentOk) {
      document.getElementById('policy-document')?.focus();
      return;
    }
    save.mutate({ text });
  }

  const err = save.error;
  const claimed = err instanceof ApiError && (err.fields.length > 0 || err.code === 'VALIDATION_FAILED');
  const otherError = err && !claimed ? errorMessage(err) : null;

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={editing ? `Edit policy ${policy.name}` : 'New policy'}>
      {!editing ? (
        <TextField
          id="policy-name"
          label="Name"
          hint='Letters, digits, "-" and "_"; it cannot be changed later.'
          error={nameError}
          reserveErrorSpace
          value={name}
          onChange={edit('name', setName)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          maxLength={64}
          inputClassName="font-mono sm:max-w-md"
        />
      ) : null}
      <Field id="policy-description" label="Description" hint="Optional: what the policy is for, shown in the list." error={fieldErrors.description}>
        <Textarea
          id="policy-description"
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={1000}
          aria-invalid={!!fieldErrors.description || undefined}
          aria-describedby={fieldDescribedBy('policy-description', { hint: true, error: !!fieldErrors.description })}
        />
      </Field>
      <PolicyDocumentField
        id="policy-document"
        value={text}
        onChange={setText}
        resourcePrefix={resourcePrefix}
        serverErrors={verdict && verdict.text === text ? verdict.errors : null}
      />
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {editing ? (
          dirty ? (
            <Button
              onClick={() => {
                setDescription(policy.description);
                setText(formatPolicyDocument(policy.document));
                setVerdict(null);
                save.reset();
              }}
            >
              Discard changes
            </Button>
          ) : null
        ) : (
          <ButtonLink href="/policies">Cancel</ButtonLink>
        )}
        <Button type="submit" variant="primary" pending={save.isPending} disabled={editing && !dirty}>
          {editing ? 'Save policy' : 'Create policy'}
        </Button>
      </div>
    </form>
  );
}
