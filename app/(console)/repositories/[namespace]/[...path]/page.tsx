import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { parseRepositoryRoute } from '@/lib/paths/repository-paths';
import { getAppContext } from '@/lib/server/app-context-global';
import { getRepositoryWithCapabilities } from '@/lib/services/repositories/get-repository-with-capabilities';
import { RepositoryPage } from '@/components/repositories/repository-page';
import { getConsoleActor } from '../../../console-user';
import { loadOrNotFound } from '../../../load-or-not-found';

type Props = { params: Promise<{ namespace: string; path: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, path } = await params;
  const route = parseRepositoryRoute(namespace, path);
  if (!route) return {};
  return { title: route.view.tab === 'tag' ? `${route.fullName}:${route.view.tag}` : route.fullName };
}

/**
 * `/repositories/<namespace>/<name…>[/-/<view>]`. The first paint comes from one service call (one lookup, one
 * authorization check): a missing or hidden repository is a real 404, and the user's capabilities decide which
 * controls exist at all. Everything after that goes through the REST API with React Query.
 */
export default async function RepositoryRoute({ params }: Props) {
  const { namespace, path } = await params;
  const route = parseRepositoryRoute(namespace, path);
  if (!route) notFound();
  const app = getAppContext();
  const actor = await getConsoleActor();
  const { repository, can, pullTag } = await loadOrNotFound(() => getRepositoryWithCapabilities(app, { actor, name: route.fullName }));
  return <RepositoryPage initial={repository} can={can} view={route.view} pullTag={pullTag} />;
}
