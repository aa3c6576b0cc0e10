'use client';

import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage } from '@/lib/client/field-errors';
import { updateUserSchema } from '@/lib/schemas/users';
import { Dialog, DialogFormActions } from '@/components/ui/dialog';
import { FormError, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { useUpdateUser } from './use-user';

export function ResetPasswordDialog({ username, open, onClose }: { username: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Reset the password of ${username}`}
      description="The old password stops working at once. Open console sessions and access tokens keep working: disable the user to cut those off too."
      size="sm"
    >
      <ResetPasswordForm username={username} onClose={onClose} />
    </Dialog>
  );
}

function ResetPasswordForm({ username, onClose }: { username: string; onClose: () => void }) {
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  const reset = useUpdateUser(username, () => {
    toast(`Password of ${username} reset`);
    onClose();
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = updateUserSchema.safeParse({ password });
    const next = {
      password: parsed.success ? undefined : parsed.error.issues[0]?.message,
      repeat: parsed.success && password !== repeat ? 'does not match the new password' : undefined,
    };
    setErrors(next);
    if (next.password || next.repeat || !parsed.success) return;
    reset.mutate(parsed.data, { onError: (err) => setErrors({ password: apiFieldErrors(err).password }) });
  }

  const otherError = reset.error && !apiFieldErrors(reset.error).password ? errorMessage(reset.error) : null;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        id="reset-password"
        label="New password"
        hint="At least 8 characters."
        error={errors.password}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <TextField
        id="reset-repeat"
        label="Repeat the new password"
        error={errors.repeat}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <FormError message={otherError} />
      <DialogFormActions submitLabel="Reset password" pending={reset.isPending} onCancel={onClose} />
    </form>
  );
}
