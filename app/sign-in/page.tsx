import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Logo } from '@/components/shell/logo';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { getConsoleUser } from '../(console)/console-user';

export const metadata: Metadata = { title: 'Sign in' };

/** Where to go after signing in: a path on this site only (see safe-callback.ts), the overview by default. */
function safeCallback(value: string | string[] | undefined): string {
  if (value === undefined) return '/';
  return safeCallbackPath(value);
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getConsoleUser()) redirect(callbackUrl);
  return (
    <main className="relative flex min-h-screen items-center justify-center px-4 py-12">
      <div className="absolute right-4 top-4">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <Logo className="size-10" />
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Berth</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Your container registry&apos;s console.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <SignInForm callbackUrl={callbackUrl} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">
          Forgot your password? An administrator can set a new one.
        </p>
      </div>
    </main>
  );
}
