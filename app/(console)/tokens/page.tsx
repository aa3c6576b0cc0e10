import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { listAccessTokens } from '@/lib/services/tokens/list-access-tokens';
import { TokenList } from '@/components/tokens/token-list';
import { getConsoleActor } from '../console-user';

export const metadata: Metadata = { title: 'Access tokens' };

export default async function TokensPage() {
  const app = getAppContext();
  const actor = await getConsoleActor();
  return <TokenList initial={await listAccessTokens(app, { actor })} />;
}
