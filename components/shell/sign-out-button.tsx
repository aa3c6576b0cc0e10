'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { LogOutIcon } from '@/components/ui/icons';
import { Spinner } from '@/components/ui/button';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // Without next-auth's redirect: its URL comes from NEXTAUTH_URL, which may not be the host in the address bar.
        await signOut({ redirect: false }).catch(() => undefined);
        // A full load drops every cached query of the previous user.
        window.location.assign('/sign-in');
      }}
      className="inline-flex h-9 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      {pending ? <Spinner /> : <LogOutIcon />}
      <span className="hidden sm:inline">Sign out</span>
      <span className="sr-only sm:hidden">Sign out</span>
    </button>
  );
}
