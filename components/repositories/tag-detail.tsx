'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { describeMediaType, formatBytes, formatPlatform, isIndexMediaType } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/query-keys';
import { getTag, getTagPlatform } from '@/lib/client/repositories-api';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RepositoryDto, TagDetailDto } from '@/lib/schemas/repositories';
import { BackLink } from '@/components/ui/back-link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { EmptyState } from '@/components/ui/empty-state';
import { TagIcon, TrashIcon } from '@/components/ui/icons';
import { ExactTime } from '@/components/ui/relative-time';
import { QueryFallback } from '@/components/ui/query-view';
import { DetailSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useRegistryHost } from '@/components/shell/console-context';
import { TagScanPanel } from '@/components/scans/tag-scan-panel';
import { CopyTagDialog } from './copy-tag-dialog';
import { DeleteTagDialog } from './delete-tag-dialog';
import { DeployDialog } from './deploy/deploy-dialog';
import { Digest } from './digest';
import { HistoryCard, ImageConfigCard, imagePlatform, KeyValueCard, LabelsCard } from './image-config-cards';
import { CommandLine } from './push-instructions';
import { PlatformsCard } from './platforms-card';
import { TagName } from './tag-name';

export function TagDetail({ repository, tag, can }: { repository: RepositoryDto; tag: string; can: RepositoryCapabilities }) {
  const router = useRouter();
  // `?platform=<digest>` opens one platform of an index tag as a page of its own.
  const platform = useSearchParams().get('platform');
  const query = useQuery({
    queryKey: platform ? queryKeys.repositories.tagPlatform(repository.name, tag, platform) : queryKeys.repositories.tag(repository.name, tag),
    queryFn: ({ signal }) => (platform ? getTagPlatform(repository.name, tag, platform, signal) : getTag(repository.name, tag, signal)),
  });
  const [deleting, setDeleting] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'copy' | 'deploy' | null>(null);
  const back = (
    <BackLink href={platform ? repositoryHref(repository.name, { tab: 'tag', tag }) : repositoryHref(repository.name)}>
      {platform ? `All platforms of ${tag}` : 'All tags'}
    </BackLink>
  );

  if (query.data === undefined) {
    return (
      <QueryFallback
        query={query}
        before={back}
        loading={<DetailSkeleton label="Loading tag" before={back} />}
        errorTitle="Could not load the tag"
        notFound={
          <EmptyState icon={<TagIcon className="size-5" />} title={platform ? `Platform not found in ${tag}` : `Tag ${tag} not found`}>
            It may have been deleted or moved. The tag list shows what this repository holds now.
          </EmptyState>
        }
      />
    );
  }
  const t = query.data;
  return (
    <div>
      {back}
      <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="font-mono text-xl font-semibold">
            <TagName name={t.name} />
            {platform && t.platform ? <span className="text-slate-600 dark:text-slate-400"> · {formatPlatform(t.platform)}</span> : null}
          </h2>
          <Badge tone={isIndexMediaType(t.mediaType) ? 'blue' : 'neutral'} title={t.mediaType}>
            {describeMediaType(t.mediaType)}
          </Badge>
        </div>
        {platform ? null : (
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={() => setDialog('copy')}>Copy / promote</Button>
            <Button onClick={() => setDialog('deploy')}>Deploy</Button>
            {can.deleteTag ? (
              <Button onClick={() => setDeleting(t.name)} className="text-red-700 dark:text-red-400">
                <TrashIcon />
                Delete tag
              </Button>
            ) : null}
          </div>
        )}
      </div>
      <div className="space-y-6">
        <Overview repository={repository} tag={t} />
        {platform ? null : <TagScanPanel repository={repository.name} tag={t.name} can={can} />}
        {t.children.length > 0 ? <PlatformsCard repository={repository.name} tag={t} /> : null}
        {t.image ? <ImageConfigCard image={t.image} /> : null}
        {t.config || t.layers.length > 0 ? <LayersCard tag={t} /> : null}
        {t.image ? <HistoryCard image={t.image} layers={t.layers} /> : null}
        {t.image ? <LabelsCard labels={t.image.labels} /> : null}
        <AnnotationsCard annotations={t.annotations} />
        <ReferrersCard tag={t} />
      </div>
      <CopyTagDialog repository={repository.name} tag={t.name} open={dialog === 'copy'} onClose={() => setDialog(null)} />
      <DeployDialog
        repository={repository.name}
        tag={t.name}
        digest={t.digest}
        exposedPorts={t.image?.exposedPorts ?? []}
        open={dialog === 'deploy'}
        onClose={() => setDialog(null)}
      />
      {can.deleteTag ? (
        <DeleteTagDialog
          repository={repository.name}
          tag={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => router.push(repositoryHref(repository.name))}
        />
      ) : null}
    </div>
  );
}

function Overview({ repository, tag }: { repository: RepositoryDto; tag: TagDetailDto }) {
  const host = useRegistryHost();
  const rows: Array<[string, ReactNode]> = [
    ['Digest', <Digest key="d" digest={tag.digest} full label="manifest digest" />],
    ...(tag.configDigest ? ([['Image ID', <Digest key="c" digest={tag.configDigest} full label="image ID" />]] as Array<[string, ReactNode]>) : []),
    ...((tag.image && imagePlatform(tag.image)) || tag.platform
      ? ([['Platform', <Badge key="pl" tone="blue">{(tag.image && imagePlatform(tag.image)) || formatPlatform(tag.platform!)}</Badge>]] as Array<[string, ReactNode]>)
      : []),
    ['Size', <span key="s" title={`${tag.size.toLocaleString('en')} bytes`}>{formatBytes(tag.size)}</span>],
    [
      'Pushed',
      <span key="p">
        <ExactTime iso={tag.pushedAt} />
        {tag.pushedBy ? <> by {tag.pushedBy}</> : null}
      </span>,
    ],
    ['Media type', <code key="m" className="break-all font-mono text-xs">{tag.mediaType}</code>],
    ...(tag.artifactType ? ([['Artifact type', <code key="a" className="break-all font-mono text-xs">{tag.artifactType}</code>]] as Array<[string, ReactNode]>) : []),
    ...(tag.subject ? ([['Refers to', <Digest key="sub" digest={tag.subject} full label="subject digest" />]] as Array<[string, ReactNode]>) : []),
  ];
  return (
    <Card>
      <div className="space-y-2 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <CommandLine
          command={`docker pull ${tag.platform ? `--platform ${formatPlatform(tag.platform)} ` : ''}${host}/${repository.name}:${tag.name}`}
          label="pull command"
        />
        <CommandLine command={`docker pull ${host}/${repository.name}@${tag.digest}`} label="pull-by-digest command" />
      </div>
      <FactList facts={rows} />
    </Card>
  );
}

function LayersCard({ tag }: { tag: TagDetailDto }) {
  const total = tag.layers.reduce((sum, l) => sum + l.size, 0);
  return (
    <Card>
      <CardHeader
        title="Layers"
        description={`${tag.layers.length} ${tag.layers.length === 1 ? 'layer' : 'layers'}, ${formatBytes(total)} compressed, applied in this order.`}
      />
      <Table label="Layers" className="rounded-none border-0">
        <THead>
          <tr>
            <Th className="w-10 text-right">#</Th>
            <Th>Digest</Th>
            <Th className="hidden sm:table-cell">Media type</Th>
            <Th className="text-right">Size</Th>
          </tr>
        </THead>
        <TBody>
          {tag.config ? (
            <Tr className="bg-slate-50/60 dark:bg-slate-900/40">
              <Td className="text-right text-xs text-slate-500 dark:text-slate-400">config</Td>
              <Td>
                <Digest digest={tag.config.digest} label="config digest" />
              </Td>
              <Td className="hidden text-slate-600 sm:table-cell dark:text-slate-400" title={tag.config.mediaType}>
                {describeMediaType(tag.config.mediaType)}
              </Td>
              <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(tag.config.size)}</Td>
            </Tr>
          ) : null}
          {tag.layers.map((l, i) => (
            <Tr key={`${l.digest}-${i}`}>
              <Td className="text-right tabular-nums text-slate-500 dark:text-slate-400">{i + 1}</Td>
              <Td>
                <Digest digest={l.digest} label={`digest of layer ${i + 1}`} />
              </Td>
              <Td className="hidden text-slate-600 sm:table-cell dark:text-slate-400" title={l.mediaType}>
                {describeMediaType(l.mediaType)}
              </Td>
              <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(l.size)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}

function AnnotationsCard({ annotations }: { annotations: Record<string, string> }) {
  return <KeyValueCard title="Annotations" entries={Object.entries(annotations)} empty="The manifest carries no annotations." />;
}

function ReferrersCard({ tag }: { tag: TagDetailDto }) {
  return (
    <Card>
      <CardHeader title="Referrers" description="Signatures, SBOMs and other artifacts attached to this manifest." />
      {tag.referrers.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">Nothing refers to this manifest.</p>
      ) : (
        <Table label="Referrers" className="rounded-none border-0">
          <THead>
            <tr>
              <Th>Artifact type</Th>
              <Th>Digest</Th>
              <Th className="text-right">Size</Th>
            </tr>
          </THead>
          <TBody>
            {tag.referrers.map((r) => (
              <Tr key={r.digest}>
                <Td className="break-all font-mono text-xs">{r.artifactType ?? describeMediaType(r.mediaType)}</Td>
                <Td>
                  <Digest digest={r.digest} label="referrer digest" />
                </Td>
                <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(r.size)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
