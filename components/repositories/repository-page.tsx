'use client';

import { useQuery } from '@tanstack/react-query';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { queryKeys } from '@/lib/client/query-keys';
import { getRepository } from '@/lib/client/repositories-api';
import { repositoryHref, splitRepositoryName, type RepositoryView } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import type { PullTagChoice } from '@/lib/services/tags/pick-pull-tag';
import { RelativeTime } from '@/components/ui/relative-time';
import { TabLinks } from '@/components/ui/tabs';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { CommandLine } from './push-instructions';
import { DeleteRepositoryButton } from './delete-repository-button';
import { RepositoryOverview } from './repository-overview';
import { RepositoryPermissions } from './repository-permissions';
import { TagDetail } from './tag-detail';
import { TagList } from './tag-list';
import { VisibilityBadge } from './visibility';
import { VisibilityToggle } from './visibility-toggle';
import { useRegistryHost } from '@/components/shell/console-context';
import { RepositoryWebhook, RepositoryWebhooks } from '@/components/webhooks/repository-webhooks';
import { ScanReport } from '@/components/scans/scan-report';
import { BuildDetail } from '@/components/builds/build-detail';
import { RepositoryBuilds } from '@/components/builds/repository-builds';
import { ScanAllButton } from '@/components/scans/scan-all-button';
import { RepositoryLifecycle } from '@/components/lifecycle/lifecycle-section';

const PULL_LABEL = {
  latest: 'Pull latest',
  'highest-version': 'Pull the highest version',
  'newest-push': 'Pull the most recent push',
} as const;

export function RepositoryPage({
  initial,
  can,
  view,
  pullTag,
}: {
  initial: RepositoryDto;
  can: RepositoryCapabilities;
  view: RepositoryView;
  /** Chosen on the server (choosePullTag): `latest`, else the highest version, else the most recent push. */
  pullTag: PullTagChoice;
}) {
  const host = useRegistryHost();
  const repoQuery = useQuery({
    queryKey: queryKeys.repositories.detail(initial.name),
    queryFn: ({ signal }) => getRepository(initial.name, signal),
    initialData: initial,
  });
  const repo = repoQuery.data;
  const { namespace, name } = splitRepositoryName(repo.name);

  const tabs = [
    { href: repositoryHref(repo.name), label: <>Tags <Count n={repo.tagCount} /></>, active: view.tab === 'tags' || view.tab === 'tag' || view.tab === 'scan' },
    { href: repositoryHref(repo.name, { tab: 'overview' }), label: 'Overview', active: view.tab === 'overview' },
    ...(can.managePermissions ? [{ href: repositoryHref(repo.name, { tab: 'permissions' }), label: 'Permissions', active: view.tab === 'permissions' }] : []),
    ...(can.viewWebhooks
      ? [{ href: repositoryHref(repo.name, { tab: 'webhooks' }), label: 'Webhooks', active: view.tab === 'webhooks' || view.tab === 'webhook' }]
      : []),
    { href: repositoryHref(repo.name, { tab: 'lifecycle' }), label: 'Lifecycle', active: view.tab === 'lifecycle' },
    ...(can.runBuilds || can.manageBuildRules
      ? [{ href: repositoryHref(repo.name, { tab: 'builds' }), label: 'Builds', active: view.tab === 'builds' || view.tab === 'build' }]
      : []),
  ];

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/repositories', label: 'Repositories' },
          { href: `/namespaces/${encodeURIComponent(namespace)}`, label: namespace },
        ]}
      />
      <div className="mb-5 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="break-all text-2xl font-semibold tracking-tight">
              <span className="text-slate-500 dark:text-slate-400">{namespace}/</span>
              {name}
            </h1>
            <VisibilityBadge visibility={repo.visibility} />
          </div>
          {repo.summary ? <p className="mt-1.5 text-slate-700 dark:text-slate-300">{repo.summary}</p> : null}
          <p className="mt-1.5 text-sm text-slate-500 dark:text-slate-400">
            {repo.tagCount} {repo.tagCount === 1 ? 'tag' : 'tags'} ·{' '}
            {repo.lastPushedAt ? (
              <>
                last pushed <RelativeTime iso={repo.lastPushedAt} />
              </>
            ) : (
              'never pushed'
            )}{' '}
            · created <RelativeTime iso={repo.createdAt} />
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {can.scan && repo.tagCount > 0 ? <ScanAllButton scope={{ kind: 'repository', name: repo.name }} /> : null}
          {can.update ? <VisibilityToggle repository={repo} /> : null}
          {can.deleteRepository ? <DeleteRepositoryButton repository={repo} /> : null}
        </div>
      </div>
      {pullTag && repo.tagCount > 0 ? (
        <div className="mb-6 max-w-3xl">
          <p id="pull-label" className="mb-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">
            {PULL_LABEL[pullTag.reason]}
          </p>
          <CommandLine command={`docker pull ${host}/${repo.name}:${pullTag.tag}`} label="pull command" />
        </div>
      ) : null}
      <TabLinks label="Repository sections" items={tabs} />
      <div className="pt-5">
        {view.tab === 'tags' ? <TagList repository={repo} can={can} /> : null}
        {view.tab === 'tag' ? <TagDetail repository={repo} tag={view.tag} can={can} /> : null}
        {view.tab === 'scan' ? <ScanReport repository={repo} tag={view.tag} can={can} /> : null}
        {view.tab === 'overview' ? <RepositoryOverview repository={repo} can={can} /> : null}
        {view.tab === 'webhooks' ? <RepositoryWebhooks repository={repo} can={can} /> : null}
        {view.tab === 'webhook' ? <RepositoryWebhook repository={repo} id={view.id} can={can} /> : null}
        {view.tab === 'lifecycle' ? <RepositoryLifecycle repository={repo.name} canEdit={can.update} /> : null}
        {view.tab === 'builds' ? <RepositoryBuilds repository={repo.name} can={can} /> : null}
        {view.tab === 'build' ? <BuildDetail repository={repo.name} id={view.id} can={can} /> : null}
        {view.tab === 'permissions' ? (
          can.managePermissions ? (
            <RepositoryPermissions repository={repo} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">Only the repository&apos;s administrators can see who has access.</p>
          )
        ) : null}
      </div>
    </>
  );
}

function Count({ n }: { n: number }) {
  return <span className="rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600 dark:bg-slate-800 dark:text-slate-300">{n}</span>;
}
