import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/session/auth-options';
import { guardAuthRequest } from '@/lib/auth/session/guard-auth-request';

const handler = NextAuth(authOptions);

async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return (await guardAuthRequest(req)) ?? handler(req, ctx);
}

export { handler as GET, POST };
