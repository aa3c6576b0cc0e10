'use client';

import Link from 'next/link';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { formatBytes } from '@/lib/client/format';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RepositoryDto, TagDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';
import { LockIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr, DeleteCell } from '@/components/ui/table';
import { hasScanColumn, TagScanCell } from '@/components/scans/tag-scan-cell';
import { Digest } from './digest';
import { Platforms } from './platforms';
import { TagName } from './tag-name';

const CHECKBOX = 'size-4 rounded border-slate-400 accent-teal-700 dark:border-slate-600';
const MUTED = 'text-slate-600 dark:text-slate-400';

/** The rows of one page of tags; with delete rights, each row can be selected for a bulk delete. */
export function TagTable({
  repository,
  can,
  tags,
  selected,
  onSelect,
  onDelete,
}: {
  repository: RepositoryDto;
  can: RepositoryCapabilities;
  tags: TagDto[];
  selected: ReadonlySet<string>;
  onSelect: (names: string[], on: boolean) => void;
  onDelete: (name: string) => void;
}) {
  const scanColumn = hasScanColumn(tags);
  const allSelected = tags.length > 0 && tags.every((t) => selected.has(t.name));
  const someSelected = !allSelected && tags.some((t) => selected.has(t.name));
  return (
    <Table label={`Tags of ${repository.name}`}>
      <THead>
        <tr>
          {can.deleteTag ? (
            <Th className="w-8 pr-0">
              <input
                type="checkbox"
                aria-label="Select every tag on this page"
                className={CHECKBOX}
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={(e) => onSelect(tags.map((t) => t.name), e.target.checked)}
              />
            </Th>
          ) : null}
          <Th>Tag</Th>
          <Th className="hidden sm:table-cell">Digest</Th>
          <Th className="hidden lg:table-cell">Image ID</Th>
          <Th className="text-right">Size</Th>
          <Th className="hidden md:table-cell">Platforms</Th>
          {scanColumn ? <Th className="hidden sm:table-cell">Vulnerabilities</Th> : null}
          <Th className="hidden sm:table-cell">Pushed</Th>
          <Th className="hidden text-right md:table-cell">Pulls</Th>
          {can.deleteTag ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {tags.map((tag) => (
          <Tr key={tag.name} data-testid={`tag-row-${tag.name}`}>
            {can.deleteTag ? (
              <Td className="w-8 pr-0">
                <input
                  type="checkbox"
                  aria-label={`Select tag ${tag.name}`}
                  className={CHECKBOX}
                  checked={selected.has(tag.name)}
                  onChange={(e) => onSelect([tag.name], e.target.checked)}
                />
              </Td>
            ) : null}
            <Td className="min-w-32 max-w-80">
              <Link
                href={repositoryHref(repository.name, { tab: 'tag', tag: tag.name })}
                className="font-mono font-medium text-teal-800 [overflow-wrap:normal] hover:underline dark:text-teal-300"
              >
                <TagName name={tag.name} />
              </Link>
              {tag.immutable ? (
                <Badge tone="blue" className="ml-1.5 align-middle" title={`Immutable: rule “${tag.immutableRule}” keeps this tag from moving or being deleted`}>
                  <LockIcon className="size-3" />
                  immutable
                  <span className="sr-only"> (rule {tag.immutableRule})</span>
                </Badge>
              ) : null}
              <span className={`mt-0.5 block text-xs sm:hidden ${MUTED}`}>
                <RelativeTime iso={tag.pushedAt} />
                {` · ${pullsText(tag.pulls)}`}
              </span>
            </Td>
            <Td className="hidden sm:table-cell">
              <Digest digest={tag.digest} label={`digest of ${tag.name}`} />
            </Td>
            <Td className="hidden lg:table-cell">
              {tag.configDigest ? <Digest digest={tag.configDigest} label={`image ID of ${tag.name}`} /> : <span className={MUTED}>—</span>}
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(tag.size)}</Td>
            <Td className="hidden md:table-cell">
              <Platforms platforms={tag.platforms} platform={tag.platform} />
            </Td>
            {scanColumn ? (
              <Td className="hidden sm:table-cell">
                <TagScanCell repository={repository.name} tag={tag} />
              </Td>
            ) : null}
            <Td className={`hidden whitespace-nowrap sm:table-cell ${MUTED}`}>
              <RelativeTime iso={tag.pushedAt} />
              {tag.pushedBy ? <span className="block text-xs">by {tag.pushedBy}</span> : null}
            </Td>
            {/* One column for both figures: the table has no room for another at desktop width. */}
            <Td className="hidden whitespace-nowrap text-right md:table-cell">
              <span className="tabular-nums">{tag.pulls.toLocaleString('en')}</span>
              <span className={`block text-xs ${MUTED}`}>
                {tag.lastPulledAt ? (
                  <>
                    last <RelativeTime iso={tag.lastPulledAt} />
                  </>
                ) : (
                  'never pulled'
                )}
              </span>
            </Td>
            {can.deleteTag ? (
              <DeleteCell label={`Delete tag ${tag.name}`} onDelete={() => onDelete(tag.name)} />
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const pullsText = (n: number) => (n === 1 ? '1 pull' : `${n.toLocaleString('en')} pulls`);
