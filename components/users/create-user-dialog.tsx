'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createUserSchema, passwordSchema, usernameSchema } from '@/lib/schemas/users';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { createUser, userKeys } from '@/lib/client/users-api';

export function CreateUserDialog({ open, onClose, defaultLimit }: { open: boolean; onClose: () => void; defaultLimit: number }) {
  return (
    <Dialog open={open} onClose={onClose} title="New user" description="A sub-account that signs in with its own password. Give it access by attaching policies or granting permissions.">
      <CreateUserForm onClose={onClose} defaultLimit={defaultLimit} />
    </Dialog>
  );
}

/** The first message of a schema for a non-empty value, or of any value once the form was submitted. */
function check(schema: typeof usernameSchema | typeof passwordSchema, value: string, submitted: boolean): string | undefined {
  if (!value && !submitted) return undefined;
  const r = schema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
}

function CreateUserForm({ onClose, defaultLimit }: { onClose: () => void; defaultLimit: number }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [limit, setLimit] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: userKeys.all });
      toast(`User ${user.username} created`);
      onClose();
      router.push(`/users/${encodeURIComponent(user.username)}`);
    },
    onError: (err) => setServerErrors(apiFieldErrors(err)),
  });

  const usernameError = serverErrors.username ?? check(usernameSchema, username, submitted);
  const passwordError = serverErrors.password ?? check(passwordSchema, password, submitted);
  const limitError = serverErrors.namespaceLimit;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerErrors({});
    const parsed = createUserSchema.safeParse({
      username,
      password,
      isAdmin,
      namespaceLimit: isAdmin || limit.trim() === '' ? undefined : Number(limit),
    });
    if (!parsed.success) {
      setServerErrors(zodFieldErrors(parsed.error));
      return;
    }
    create.mutate(parsed.data);
  }

  const otherError = create.error && Object.keys(apiFieldErrors(create.error)).length === 0 ? errorMessage(create.error) : null;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field id="new-username" label="Username" error={usernameError} hint='Lowercase letters, digits, ".", "_" and "-".'>
        <Input
          id="new-username"
          value={username}
          onChange={(e) => {
            setUsername(e.target.value);
            if (serverErrors.username) setServerErrors((s) => ({ ...s, username: undefined }));
          }}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
          maxLength={64}
          aria-invalid={!!usernameError || undefined}
          aria-describedby={fieldDescribedBy('new-username', { hint: true, error: !!usernameError })}
        />
      </Field>
      <Field id="new-password" label="Password" error={passwordError} hint="At least 8 characters. Tell the user, and ask them to keep it safe.">
        <Input
          id="new-password"
          type="password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            if (serverErrors.password) setServerErrors((s) => ({ ...s, password: undefined }));
          }}
          autoComplete="new-password"
          aria-invalid={!!passwordError || undefined}
          aria-describedby={fieldDescribedBy('new-password', { hint: true, error: !!passwordError })}
        />
      </Field>
      <div className="flex items-start justify-between gap-4 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
        <div>
          <p id="new-admin-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Administrator
          </p>
          <p id="new-admin-hint" className="text-sm text-slate-600 dark:text-slate-400">
            May do everything: manage users, policies and every namespace.
          </p>
        </div>
        <Switch checked={isAdmin} onChange={setIsAdmin} aria-labelledby="new-admin-label" aria-describedby="new-admin-hint" />
      </div>
      {!isAdmin ? (
        <Field
          id="new-limit"
          label="Namespace limit"
          error={limitError}
          hint={`How many namespaces the user may own. Empty: the installation's default (${defaultLimit}).`}
        >
          <Input
            id="new-limit"
            type="number"
            inputMode="numeric"
            min={0}
            max={10000}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            className="max-w-32"
            aria-invalid={!!limitError || undefined}
            aria-describedby={fieldDescribedBy('new-limit', { hint: true, error: !!limitError })}
          />
        </Field>
      ) : null}
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create user
        </Button>
      </DialogActions>
    </form>
  );
}
