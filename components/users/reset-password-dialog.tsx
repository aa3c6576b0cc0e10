'use client';

import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage } from '@/lib/client/field-errors';
import { updateUserSchema } from '@/lib/schemas/users';
import { Button } from '@/components/ui/button';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
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
      <Field id="reset-password" label="New password" hint="At least 8 characters." error={errors.password}>
        <Input
          id="reset-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={!!errors.password || undefined}
          aria-describedby={fieldDescribedBy('reset-password', { hint: true, error: !!errors.password })}
        />
      </Field>
      <Field id="reset-repeat" label="Repeat the new password" error={errors.repeat}>
        <Input
          id="reset-repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          aria-invalid={!!errors.repeat || undefined}
          aria-describedby={fieldDescribedBy('reset-repeat', { error: !!errors.repeat })}
        />
      </Field>
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" pending={reset.isPending}>
          Reset password
        </Button>
      </DialogActions>
    </form>
  );
}
