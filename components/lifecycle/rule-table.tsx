import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { RuleScope } from '@/lib/client/lifecycle-api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CardBody } from '@/components/ui/card';
import { ErrorNotice } from '@/components/ui/error-notice';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ACTIONS_COLUMN, HeaderRow, TBody, Table, Td, Tr } from '@/components/ui/table';

type RuleKind = 'immutability' | 'retention';
type Rule = { id: string; name: string; scope: 'namespace' | 'repository' };

const KIND_LABEL: Record<RuleKind, string> = { immutability: 'Immutability', retention: 'Retention' };

/**
 * A card's lifecycle rules of one kind, as listed on `listedOn` (a namespace, or a repository, which lists its
 * namespace's rules too): loading, the read's error, `empty` when there are none, else a row a rule with its name,
 * `detail` (what the rule does, under `detailLabel`), where it applies and, with `canEdit`, its Edit (when `onEdit`
 * is given) and Delete buttons.
 */
export function RuleTable<R extends Rule>({
  kind,
  query,
  listedOn,
  canEdit,
  empty,
  detailLabel,
  detail,
  onEdit,
  onDelete,
}: {
  kind: RuleKind;
  query: UseQueryResult<R[]>;
  listedOn: RuleScope;
  canEdit: boolean;
  empty: ReactNode;
  detailLabel: string;
  detail: (rule: R) => ReactNode;
  onEdit?: (rule: R) => void;
  onDelete: (rule: R) => void;
}) {
  if (query.isPending) return <TableSkeleton rows={2} label={`Loading ${kind} rules`} />;
  if (query.isError) {
    return (
      <CardBody>
        <ErrorNotice error={query.error} />
      </CardBody>
    );
  }
  if (query.data.length === 0) return <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <Table label={`${KIND_LABEL[kind]} rules`} className="rounded-none border-0">
      <HeaderRow columns={['Name', detailLabel, { label: 'Applies to', className: 'hidden sm:table-cell' }, canEdit && ACTIONS_COLUMN]} />
      <TBody>
        {query.data.map((r) => (
          <Tr key={r.id} data-testid={`${kind}-rule-${r.name}`}>
            <Td className="font-medium">{r.name}</Td>
            {detail(r)}
            <Td className="hidden sm:table-cell">
              <Badge tone={r.scope === 'namespace' ? 'blue' : 'neutral'}>{r.scope === 'namespace' ? 'whole namespace' : 'this repository'}</Badge>
            </Td>
            {canEdit ? (
              <Td className="whitespace-nowrap text-right">
                {/* A namespace's rules are listed on its repositories too, and changed on the namespace. */}
                {r.scope === listedOn.kind ? (
                  <div className="flex justify-end gap-2">
                    {onEdit ? (
                      <Button size="sm" aria-label={`Edit ${kind} rule ${r.name}`} onClick={() => onEdit(r)}>
                        Edit
                      </Button>
                    ) : null}
                    <Button size="sm" aria-label={`Delete ${kind} rule ${r.name}`} onClick={() => onDelete(r)}>
                      Delete
                    </Button>
                  </div>
                ) : null}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
