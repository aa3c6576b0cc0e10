'use client';

import type { ReactNode } from 'react';
import { formatBytes } from '@/lib/client/format';
import type { ImageConfigDto, TagDetailDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { EmptyLine } from '@/components/ui/empty-state';
import { FactList, type Fact } from '@/components/ui/fact-list';
import { ExactTime, RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';

/** `os/arch[/variant]` of a single image, from its config; null when the config names no platform. */
export function imagePlatform(image: ImageConfigDto): string | null {
  if (!image.os || !image.architecture) return null;
  return `${image.os}/${image.architecture}${image.variant ? `/${image.variant}` : ''}`;
}

const shell = (args: string[]) => args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : JSON.stringify(a))).join(' ');

const fact = (label: string, value: ReactNode): Fact => [label, value];

/** A command, path or name from the config; `wrap` lets a long one break anywhere. */
function MachineText({ children, wrap }: { children: ReactNode; wrap?: boolean }) {
  return <code className={cn('font-mono text-xs', wrap && 'break-all')}>{children}</code>;
}

/** How the image runs: platform, created, entrypoint and command, user, working directory, ports, environment. */
export function ImageConfigCard({ image }: { image: ImageConfigDto }) {
  const platform = imagePlatform(image);
  // Only what the config sets: an unset field is a fact left out, not a row of dashes.
  const rows = [
    platform ? fact('Platform', <Badge tone="blue">{platform}</Badge>) : null,
    image.created ? fact('Created', <ExactTime iso={image.created} />) : null,
    image.author ? fact('Author', image.author) : null,
    image.entrypoint?.length ? fact('Entrypoint', <MachineText wrap>{shell(image.entrypoint)}</MachineText>) : null,
    image.cmd?.length ? fact('Command', <MachineText wrap>{shell(image.cmd)}</MachineText>) : null,
    image.user ? fact('User', <MachineText>{image.user}</MachineText>) : null,
    image.workingDir ? fact('Working directory', <MachineText wrap>{image.workingDir}</MachineText>) : null,
    image.exposedPorts.length ? fact('Ports', <span className="font-mono text-xs">{image.exposedPorts.join(', ')}</span>) : null,
    image.volumes.length ? fact('Volumes', <span className="break-all font-mono text-xs">{image.volumes.join(', ')}</span>) : null,
    image.stopSignal ? fact('Stop signal', <MachineText>{image.stopSignal}</MachineText>) : null,
    image.env.length
      ? fact(
          'Environment',
          <ul className="space-y-0.5">
            {image.env.map((e, i) => (
              <li key={i} className="break-all font-mono text-xs">
                {e}
              </li>
            ))}
          </ul>,
        )
      : null,
  ].filter((r) => r !== null);
  if (rows.length === 0) return null;
  return (
    <Card>
      <CardHeader title="Image configuration" description="How a container from this image runs, from the image's config." />
      <FactList facts={rows} />
    </Card>
  );
}

export function LabelsCard({ labels }: { labels: Record<string, string> }) {
  return (
    <KeyValueCard
      title="Labels"
      description="Set at build time (LABEL in a Dockerfile)."
      entries={Object.entries(labels).sort(([a], [b]) => a.localeCompare(b))}
      empty="The image has no labels."
    />
  );
}

/** Machine-written key/value pairs (labels, annotations) in a card, or a line saying there are none. */
export function KeyValueCard({ title, description, entries, empty }: { title: string; description?: string; entries: Array<[string, string]>; empty: string }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {entries.length === 0 ? <EmptyLine className="px-5 py-4">{empty}</EmptyLine> : <FactList layout="code" facts={entries} />}
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
          <HeaderRow
            columns={[
              { label: '#', className: 'w-10 text-right' },
              'Created by',
              { label: 'Created', className: 'hidden whitespace-nowrap md:table-cell' },
              { label: 'Layer', className: 'text-right' },
            ]}
          />
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
                  <Td
                    className="whitespace-nowrap text-right align-top tabular-nums"
                    title={layer ? `layer ${h.layerIndex! + 1}: ${layer.digest}` : 'no layer'}
                  >
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
