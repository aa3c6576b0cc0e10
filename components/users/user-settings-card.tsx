'use client';

import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage, zodFieldErrors } from '@/lib/client/field-errors';
import { updateUserSchema, type UserDto } from '@/lib/schemas/users';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { useUpdateUser } from './use-user';

/** Administrator flag and namespace limit. An admin cannot take their own admin rights away. */
export function UserSettingsCard({ user, isSelf, defaultLimit }: { user: UserDto; isSelf: boolean; defaultLimit: number }) {
  const toast = useToast();
  const [isAdmin, setIsAdmin] = useState(user.isAdmin);
  const [limit, setLimit] = useState(user.namespaceLimit === null ? '' : String(user.namespaceLimit));
  const [limitError, setLimitError] = useState<string | undefined>();
  const save = useUpdateUser(user.username, () => toast(`Settings of ${user.username} saved`));
  const limitValue = limit.trim() === '' ? null : Number(limit);
  const dirty = isAdmin !== user.isAdmin || (!isAdmin && limitValue !== user.namespaceLimit);

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = updateUserSchema.safeParse({ isAdmin, ...(isAdmin ? {} : { namespaceLimit: limitValue }) });
    if (!parsed.success) {
      setLimitError(zodFieldErrors(parsed.error).namespaceLimit);
      return;
    }
    setLimitError(undefined);
    save.mutate(parsed.data, { onError: (err) => setLimitError(apiFieldErrors(err).namespaceLimit) });
  }

  const otherError = save.error && !apiFieldErrors(save.error).namespaceLimit ? errorMessage(save.error) : null;
  return (
    <Card>
      <CardHeader title="Role and limits" />
      <CardBody>
        <form onSubmit={submit} noValidate className="space-y-5" aria-label={`Settings of ${user.username}`}>
          <div className="flex items-start justify-between gap-4">
            <div>
              <p id="user-admin-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
                Administrator
              </p>
              <p id="user-admin-hint" className="text-sm text-slate-600 dark:text-slate-400">
                {isSelf ? 'You cannot remove your own administrator rights.' : 'May do everything: manage users, policies and every namespace.'}
              </p>
            </div>
            <Switch checked={isAdmin} onChange={setIsAdmin} disabled={isSelf} aria-labelledby="user-admin-label" aria-describedby="user-admin-hint" />
          </div>
          {!isAdmin ? (
            <Field
              id="user-limit"
              label="Namespace limit"
              error={limitError}
              hint={`How many namespaces the user may own. Empty: the installation's default (${defaultLimit}).`}
            >
              <Input
                id="user-limit"
                type="number"
                inputMode="numeric"
                min={0}
                max={10000}
                value={limit}
                onChange={(e) => setLimit(e.target.value)}
                className="max-w-32"
                aria-invalid={!!limitError || undefined}
                aria-describedby={fieldDescribedBy('user-limit', { hint: true, error: !!limitError })}
              />
            </Field>
          ) : null}
          {otherError ? <Notice tone="error">{otherError}</Notice> : null}
          <div className="flex justify-end">
            <Button type="submit" variant="primary" disabled={!dirty} pending={save.isPending}>
              Save settings
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
