'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';

/** next-auth reports a refused sign-in as this code; a throttled one carries the server's message instead. */
function describeSignInError(error: string): { title: string; detail?: string } {
  if (error === 'CredentialsSignin') return { title: 'Wrong username or password.', detail: 'Check both and try again. Usernames are lowercase.' };
  if (/too many/i.test(error)) return { title: 'Sign-in paused for this account.', detail: `${error}.` };
  return { title: 'Could not sign in.', detail: error };
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const nextMissing = { username: !username.trim(), password: !password };
    setMissing(nextMissing);
    if (nextMissing.username || nextMissing.password) return;
    setPending(true);
    setError(null);
    try {
      const res = await signIn('credentials', { username: username.trim(), password, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(describeSignInError(res?.error ?? 'the server did not answer'));
        setPending(false);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError({ title: 'Could not reach the server.', detail: 'Check your connection and try again.' });
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby={error ? 'sign-in-error' : undefined}>
      <TextField
        id="username"
        label="Username"
        error={missing.username ? 'Enter your username' : undefined}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <TextField
        id="password"
        label="Password"
        error={missing.password ? 'Enter your password' : undefined}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {error ? (
        <div id="sign-in-error">
          <Notice tone="error" title={error.title}>
            {error.detail}
          </Notice>
        </div>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" pending={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
