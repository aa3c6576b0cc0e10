'use client';

import { useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import type { UserDto } from '@/lib/schemas/users';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserStatusBadge } from './user-badges';
import { useUpdateUser } from './use-user';

/** Sign-in: disable or enable the account, reset its password. An admin cannot disable themselves. */
export function UserAccountCard({ user, isSelf }: { user: UserDto; isSelf: boolean }) {
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const toggle = useUpdateUser(user.username, (u) => {
    setConfirming(false);
    toast(u.disabled ? `${u.username} is disabled` : `${u.username} is enabled again`);
  });

  return (
    <Card>
      <CardHeader title="Account" description="Whether the user can sign in and use the registry." />
      <CardBody className="divide-y divide-slate-200 dark:divide-slate-800">
        <div className="flex flex-wrap items-center justify-between gap-3 py-4 first:pt-0 last:pb-0">
          <div className="min-w-0">
            <p className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-200">
              Status <UserStatusBadge user={user} />
            </p>
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
              {user.disabled
                ? 'Cannot sign in; passwords, sessions and access tokens are all refused.'
                : isSelf
                  ? 'This is you: another administrator would have to disable your account.'
                  : 'Disabling refuses every sign-in, session and access token of this user at once.'}
            </p>
          </div>
          {isSelf ? null : user.disabled ? (
            <Button pending={toggle.isPending} onClick={() => toggle.mutate({ disabled: false }, { onError: (err) => toast(errorMessage(err), 'error') })}>
              Enable user
            </Button>
          ) : (
            <Button
              variant="danger"
              onClick={() => {
                toggle.reset();
                setConfirming(true);
              }}
            >
              Disable user
            </Button>
          )}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3 py-4 first:pt-0 last:pb-0">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-800 dark:text-slate-200">Password</p>
            <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">Set a new password when the user has lost theirs, or it may have leaked.</p>
          </div>
          <Button onClick={() => setResetting(true)}>Reset password</Button>
        </div>
      </CardBody>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Disable ${user.username}?`}
        description="They are signed out of the console and every registry client they use stops working, until you enable them again. Nothing they own is deleted."
        confirmLabel="Disable user"
        pending={toggle.isPending}
        error={toggle.error ? errorMessage(toggle.error) : null}
        onConfirm={() => toggle.mutate({ disabled: true })}
      />
      <ResetPasswordDialog username={user.username} open={resetting} onClose={() => setResetting(false)} />
    </Card>
  );
}
