import { headers } from 'next/headers';
import { ButtonLink } from '@/components/ui/button';
import { Logo } from '@/components/shell/logo';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { AppShell } from '@/components/shell/app-shell';
import { ConsoleProvider } from '@/components/shell/console-context';
import { Overview } from '@/components/overview/overview';
import { getConsoleUser } from './(console)/console-user';

// Per-user: the overview for a signed-in user, the landing page for everyone else.
export const dynamic = 'force-dynamic';

/**
 * Signed-in users get the console's overview, inside the console's shell (the (console) layout cannot serve `/`,
 * since it sends anonymous visitors to sign in); everyone else sees how to reach the registry.
 */
export default async function Home() {
  const user = await getConsoleUser();
  const host = (await headers()).get('host') ?? 'localhost:3000';
  if (user) {
    return (
      <ConsoleProvider user={user} host={host}>
        <AppShell>
          <Overview />
        </AppShell>
      </ConsoleProvider>
    );
  }
  return (
    <main className="mx-auto max-w-3xl px-6 py-12 sm:py-20">
      <div className="flex items-center justify-between">
        <div className="flex items-center gap-3">
          <Logo className="size-9" />
          <h1 className="text-3xl font-semibold tracking-tight">Berth</h1>
        </div>
        <ThemeToggle />
      </div>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-400">A self-hosted OCI container registry.</p>
      <div className="mt-8">
        <ButtonLink href="/sign-in" variant="primary">
          Sign in to the console
        </ButtonLink>
      </div>
      <section className="mt-12" aria-labelledby="push-heading">
        <h2 id="push-heading" className="text-lg font-medium">
          Push an image
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Log in with your username and password or an access token, then push to a namespace you may write to.
        </p>
        <pre tabIndex={0} className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-4 font-mono text-sm text-slate-100 dark:bg-slate-900">
          {`podman login --tls-verify=false ${host}\npodman push --tls-verify=false <image> ${host}/<namespace>/<repository>:<tag>`}
        </pre>
      </section>
    </main>
  );
}
