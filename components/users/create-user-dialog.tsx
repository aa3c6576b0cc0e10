'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiFieldErrors, clearsFieldError, errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { createUserSchema, passwordSchema, usernameSchema } from '@/lib/schemas/users';
import { Dialog, DialogFormActions } from '@/components/ui/dialog';
import { FormError, TextField } from '@/components/ui/field';
import { SwitchRow } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { createUser, userKeys } from '@/lib/client/users-api';
import { NamespaceLimitField } from './namespace-limit-field';

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
  const edit = clearsFieldError(setServerErrors);

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
      <TextField
        id="new-username"
        label="Username"
        error={usernameError}
        hint='Lowercase letters, digits, ".", "_" and "-".'
        value={username}
        onChange={edit('username', setUsername)}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        inputClassName="font-mono"
        maxLength={64}
      />
      <TextField
        id="new-password"
        label="Password"
        error={passwordError}
        hint="At least 8 characters. Tell the user, and ask them to keep it safe."
        type="password"
        value={password}
        onChange={edit('password', setPassword)}
        autoComplete="new-password"
      />
      <SwitchRow id="new-admin" boxed label="Administrator" hint="May do everything: manage users, policies and every namespace." checked={isAdmin} onChange={setIsAdmin} />
      {!isAdmin ? <NamespaceLimitField id="new-limit" value={limit} onChange={setLimit} error={limitError} defaultLimit={defaultLimit} /> : null}
      <FormError message={otherError} />
      <DialogFormActions submitLabel="Create user" pending={create.isPending} onCancel={onClose} />
    </form>
  );
}
