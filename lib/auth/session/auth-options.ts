import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/client-address';
import { getAppContext } from '@/lib/server/app-context-global';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { authenticateCredentials } from '@/lib/services/auth/authenticate-credentials';
import { ThrottledError } from '@/lib/services/auth/throttle';
import { endSessions } from '@/lib/services/users/end-sessions';

// Console sign-in. next-auth's credentials provider only supports JWT sessions, which suits Berth: no session
// table, and every request re-reads the user (see resolve-api-actor.ts), so disabling a user ends their console
// sessions at once even though the cookie is still valid. The cookie carries the user's session version: changing
// or resetting the password, or signing out, moves it on and so ends the cookie too.
export const SESSION_MAX_AGE_SECONDS = 8 * 3600;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  // Behind TLS (BERTH_PUBLIC_URL, hence NEXTAUTH_URL, is https) cookies are `Secure` and `__Secure-` prefixed.
  useSecureCookies: process.env.NEXTAUTH_URL?.startsWith('https://') ?? false,
  providers: [
    CredentialsProvider({
      name: 'Berth',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const username = credentials?.username ?? '';
        const password = credentials?.password ?? '';
        if (!username || !password) return null;
        // Set by the server from the socket (and trusted proxies only), never taken from the client.
        const address = req?.headers?.[CLIENT_ADDRESS_HEADER];
        const ip = typeof address === 'string' && address ? address : undefined;
        const app = getAppContext();
        try {
          const user = await authenticateCredentials(app, { username, secret: password, origin: { ip, via: 'console' } });
          if (!user) return null;
          const { sessionVersion } = await loadAccessProfile(app, user);
          return { id: user.id, name: user.username, sv: sessionVersion };
        } catch (err) {
          if (err instanceof ThrottledError) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sv?: number }).sv ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === 'string') {
        Object.assign(session.user, { id: token.uid, sv: typeof token.sv === 'number' ? token.sv : 0 });
      }
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.uid !== 'string') return;
      await endSessions(getAppContext(), { userId: token.uid, sessionVersion: typeof token.sv === 'number' ? token.sv : undefined });
    },
  },
};
