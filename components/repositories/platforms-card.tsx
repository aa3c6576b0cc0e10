import Link from 'next/link';
import { describeMediaType, formatBytes, formatPlatform } from '@/lib/client/format';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { TagDetailDto } from '@/lib/schemas/repositories';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { Digest } from './digest';

/** The href of one platform of an index tag: the tag page with the child manifest's digest. */
export function platformHref(repository: string, tag: string, digest: string): string {
  return `${repositoryHref(repository, { tab: 'tag', tag })}?platform=${encodeURIComponent(digest)}`;
}

/** An index's platforms, each with the size of its own image and a link that opens it. */
export function PlatformsCard({ repository, tag }: { repository: string; tag: TagDetailDto }) {
  return (
    <Card>
      <CardHeader
        title="Platforms"
        description={`This index points to ${tag.children.length} ${tag.children.length === 1 ? 'image' : 'images'}; a client pulls the one for its platform.`}
      />
      <Table label="Platforms" className="rounded-none border-0">
        <HeaderRow columns={['Platform', 'Digest', { label: 'Size', className: 'text-right' }, { label: 'Media type', className: 'hidden sm:table-cell' }]} />
        <TBody>
          {tag.children.map((c) => {
            const name = c.platform ? formatPlatform(c.platform) : 'unspecified platform';
            return (
              <Tr key={c.digest}>
                <Td>
                  {c.imageSize !== null ? (
                    <Link href={platformHref(repository, tag.name, c.digest)} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                      {name}
                    </Link>
                  ) : c.platform ? (
                    <Badge tone="blue">{name}</Badge>
                  ) : (
                    <span className="text-slate-600 dark:text-slate-400">{name}</span>
                  )}
                </Td>
                <Td>
                  <Digest digest={c.digest} label={`digest of ${name}`} />
                </Td>
                <Td
                  className="whitespace-nowrap text-right tabular-nums"
                  title={c.imageSize !== null ? 'Manifest, config and layers of this platform' : 'Not stored in this repository: the size of its manifest only'}
                >
                  {formatBytes(c.imageSize ?? c.size)}
                </Td>
                <Td className="hidden text-slate-600 sm:table-cell dark:text-slate-400" title={c.mediaType}>
                  {describeMediaType(c.mediaType)}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
