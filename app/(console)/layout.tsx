import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { ConsoleProvider } from '@/components/shell/console-context';
import { getAppContext } from '@/lib/server/app-context-global';
import { getConsoleUser } from './console-user';

// Per-user pages, never prerendered or cached.
export const dynamic = 'force-dynamic';

/** Every console page needs a signed-in user; the rest of the console is rendered inside this shell. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Reading the request first also keeps every console page dynamic: none may be prerendered at build time.
  const host = (await headers()).get('host') ?? '';
  const user = await getConsoleUser();
  if (!user) redirect('/sign-in');
  return (
    <ConsoleProvider user={user} host={host} gcSchedule={getAppContext().config.gcSchedule}>
      <AppShell>{children}</AppShell>
    </ConsoleProvider>
  );
}
