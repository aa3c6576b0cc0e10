import type { RepositoryListDto } from '@/lib/schemas/repositories';
import { RelativeTime } from '@/components/ui/relative-time';
import { Td } from '@/components/ui/table';
import { VisibilityBadge } from './visibility';

/** A repository list row's Visibility, Tags and Last push cells, after its name. */
export function RepositoryStatsCells({ repo }: { repo: RepositoryListDto['items'][number] }) {
  return (
    <>
      <Td>
        <VisibilityBadge visibility={repo.visibility} />
      </Td>
      <Td className="hidden text-right tabular-nums sm:table-cell">{repo.tagCount}</Td>
      <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
        {repo.lastPushedAt ? <RelativeTime iso={repo.lastPushedAt} /> : <span className="text-slate-500 dark:text-slate-400">never</span>}
      </Td>
    </>
  );
}
