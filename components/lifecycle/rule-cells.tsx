import type { RuleScope } from '@/lib/client/lifecycle-api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Td } from '@/components/ui/table';

type RuleKind = 'immutability' | 'retention';

/** Where a lifecycle rule applies: a namespace's rules are listed on its repositories too. */
export function RuleScopeCell({ scope }: { scope: 'namespace' | 'repository' }) {
  return (
    <Td className="hidden sm:table-cell">
      <Badge tone={scope === 'namespace' ? 'blue' : 'neutral'}>{scope === 'namespace' ? 'whole namespace' : 'this repository'}</Badge>
    </Td>
  );
}

/** A lifecycle rule's row buttons: Edit (when the rule kind has a form for it) and Delete. */
export function RuleActionsCell({
  kind,
  rule,
  listedOn,
  onEdit,
  onDelete,
}: {
  kind: RuleKind;
  rule: { name: string; scope: 'namespace' | 'repository' };
  listedOn: RuleScope;
  onEdit?: () => void;
  onDelete: () => void;
}) {
  return (
    <Td className="whitespace-nowrap text-right">
      {/* A namespace's rules are listed on its repositories too, and changed on the namespace. */}
      {rule.scope === listedOn.kind ? (
        <div className="flex justify-end gap-2">
          {onEdit ? (
            <Button size="sm" aria-label={`Edit ${kind} rule ${rule.name}`} onClick={onEdit}>
              Edit
            </Button>
          ) : null}
          <Button size="sm" aria-label={`Delete ${kind} rule ${rule.name}`} onClick={onDelete}>
            Delete
          </Button>
        </div>
      ) : null}
    </Td>
  );
}
