import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticateCredentials } from '@/lib/services/auth/authenticate-credentials';
import { ThrottledError } from '@/lib/services/auth/throttle';
import { getAppContext } from '@/lib/server/app-context-global';

// Console sign-in. next-auth's credentials provider only supports JWT sessions, which suits Berth: no session
// table, and every request re-reads the user (see resolve-api-actor.ts), so disabling a user ends their console
// sessions at once even though the cookie is still valid.
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Berth',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const username = credentials?.username ?? '';
        const password = credentials?.password ?? '';
        if (!username || !password) return null;
        const forwarded = req?.headers?.['x-forwarded-for'];
        const ip = typeof forwarded === 'string' ? forwarded.split(',')[0]!.trim() : undefined;
        try {
          const user = await authenticateCredentials(getAppContext(), { username, secret: password, origin: { ip, via: 'console' } });
          return user ? { id: user.id, name: user.username } : null;
        } catch (err) {
          if (err instanceof ThrottledError) throw new Error(`Too many failed attempts; try again in ${err.retryAfterSeconds} s`);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === 'string') (session.user as { id?: string }).id = token.uid;
      return session;
    },
  },
};
