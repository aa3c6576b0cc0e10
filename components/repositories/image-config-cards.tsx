'use client';

import type { ReactNode } from 'react';
import { formatBytes, formatDateTime } from '@/lib/client/format';
import type { ImageConfigDto, TagDetailDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';

/** `os/arch[/variant]` of a single image, from its config; null when the config names no platform. */
export function imagePlatform(image: ImageConfigDto): string | null {
  if (!image.os || !image.architecture) return null;
  return `${image.os}/${image.architecture}${image.variant ? `/${image.variant}` : ''}`;
}

const shell = (args: string[]) => args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');

/** How the image runs: platform, created, entrypoint and command, user, working directory, ports, environment. */
export function ImageConfigCard({ image }: { image: ImageConfigDto }) {
  const platform = imagePlatform(image);
  const rows: Array<[string, ReactNode]> = [];
  if (platform) rows.push(['Platform', <Badge key="p" tone="blue">{platform}</Badge>]);
  if (image.created) {
    rows.push([
      'Created',
      <span key="c">
        <RelativeTime iso={image.created} /> <span className="text-slate-500 dark:text-slate-400">({formatDateTime(image.created)})</span>
      </span>,
    ]);
  }
  if (image.author) rows.push(['Author', image.author]);
  if (image.entrypoint?.length) rows.push(['Entrypoint', <code key="e" className="break-all font-mono text-xs">{shell(image.entrypoint)}</code>]);
  if (image.cmd?.length) rows.push(['Command', <code key="cmd" className="break-all font-mono text-xs">{shell(image.cmd)}</code>]);
  if (image.user) rows.push(['User', <code key="u" className="font-mono text-xs">{image.user}</code>]);
  if (image.workingDir) rows.push(['Working directory', <code key="w" className="break-all font-mono text-xs">{image.workingDir}</code>]);
  if (image.exposedPorts.length) rows.push(['Ports', <span key="ports" className="font-mono text-xs">{image.exposedPorts.join(', ')}</span>]);
  if (image.volumes.length) rows.push(['Volumes', <span key="v" className="break-all font-mono text-xs">{image.volumes.join(', ')}</span>]);
  if (image.stopSignal) rows.push(['Stop signal', <code key="s" className="font-mono text-xs">{image.stopSignal}</code>]);
  if (image.env.length) {
    rows.push([
      'Environment',
      <ul key="env" className="space-y-0.5">
        {image.env.map((e, i) => (
          <li key={i} className="break-all font-mono text-xs">
            {e}
          </li>
        ))}
      </ul>,
    ]);
  }
  if (rows.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Image configuration" description="How a container from this image runs, from the image's config." />
      <dl className="grid gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-[9rem_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="min-w-0">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

export function LabelsCard({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card>
      <CardHeader title="Labels" description="Set at build time (LABEL in a Dockerfile)." />
      {entries.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">The image has no labels.</p>
      ) : (
        <dl className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {entries.map(([k, v]) => (
            <div key={k} className="grid gap-1 px-5 py-2.5 sm:grid-cols-[minmax(0,18rem)_1fr] sm:gap-4">
              <dt className="break-all font-mono text-xs text-slate-500 dark:text-slate-400">{k}</dt>
              <dd className="break-all font-mono text-xs">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

/** The build steps, newest first as `docker history` lists them, each with the size of the layer it made. */
export function HistoryCard({ image, layers }: { image: ImageConfigDto; layers: TagDetailDto['layers'] }) {
  const steps = image.history.map((h, i) => ({ ...h, step: i + 1 })).reverse();
  return (
    <Card>
      <CardHeader
        title="History"
        description={
          image.history.length === 0
            ? undefined
            : `${image.history.length} build ${image.history.length === 1 ? 'step' : 'steps'}, newest first${image.historyTruncated ? ' (the oldest are not shown)' : ''}.`
        }
      />
      {steps.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">The image config records no build history.</p>
      ) : (
        <Table label="Build history" className="rounded-none border-0">
          <THead>
            <tr>
              <Th className="w-10 text-right">#</Th>
              <Th>Created by</Th>
              <Th className="hidden whitespace-nowrap md:table-cell">Created</Th>
              <Th className="text-right">Layer</Th>
            </tr>
          </THead>
          <TBody>
            {steps.map((h) => {
              const layer = h.layerIndex !== null ? layers[h.layerIndex] : undefined;
              return (
                <Tr key={h.step}>
                  <Td className="text-right align-top tabular-nums text-slate-500 dark:text-slate-400">{h.step}</Td>
                  <Td className="align-top">
                    <code className="block whitespace-pre-wrap break-all font-mono text-xs">{h.createdBy ?? '—'}</code>
                    {h.comment ? <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{h.comment}</span> : null}
                  </Td>
                  <Td className="hidden whitespace-nowrap align-top text-slate-600 md:table-cell dark:text-slate-400">
                    {h.created ? <RelativeTime iso={h.created} /> : '—'}
                  </Td>
                  <Td className="whitespace-nowrap text-right align-top tabular-nums" title={layer ? `layer ${h.layerIndex! + 1}: ${layer.digest}` : 'no layer'}>
                    {h.emptyLayer ? <span className="text-slate-500 dark:text-slate-400">0 B</span> : layer ? formatBytes(layer.size) : '—'}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
