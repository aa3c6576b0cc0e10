'use client';

import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage, zodFieldErrors } from '@/lib/client/field-errors';
import { updateUserSchema, type UserDto } from '@/lib/schemas/users';
import { SubmitRow } from '@/components/ui/button';
import { SectionCard } from '@/components/ui/card';
import { FormError } from '@/components/ui/field';
import { SwitchRow } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { useUpdateUser } from './use-user';
import { NamespaceLimitField } from './namespace-limit-field';

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
    <SectionCard title="Role and limits">
      <form onSubmit={submit} noValidate className="space-y-5" aria-label={`Settings of ${user.username}`}>
        <SwitchRow
          id="user-admin"
          label="Administrator"
          hint={isSelf ? 'You cannot remove your own administrator rights.' : 'May do everything: manage users, policies and every namespace.'}
          checked={isAdmin}
          onChange={setIsAdmin}
          disabled={isSelf}
        />
        {!isAdmin ? <NamespaceLimitField id="user-limit" value={limit} onChange={setLimit} error={limitError} defaultLimit={defaultLimit} /> : null}
        <FormError message={otherError} />
        <SubmitRow pending={save.isPending} disabled={!dirty}>Save settings</SubmitRow>
      </form>
    </SectionCard>
  );
}
