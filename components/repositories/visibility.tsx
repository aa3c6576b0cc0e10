import type { VisibilityValue } from '@/lib/schemas/namespaces';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { GlobeIcon, LockIcon } from '@/components/ui/icons';

export function VisibilityBadge({ visibility }: { visibility: VisibilityValue }) {
  return visibility === 'public' ? (
    <Badge tone="green" title="Anyone can pull, without signing in">
      <GlobeIcon className="size-3" />
      Public
    </Badge>
  ) : (
    <Badge tone="neutral" title="Only users with access can see and pull">
      <LockIcon className="size-3" />
      Private
    </Badge>
  );
}

const OPTIONS: Array<{ value: VisibilityValue; label: string; description: string; Icon: typeof GlobeIcon }> = [
  { value: 'private', label: 'Private', description: 'Only users granted access can see and pull it.', Icon: LockIcon },
  { value: 'public', label: 'Public', description: 'Anyone can pull it, without signing in.', Icon: GlobeIcon },
];

/** Public or private, as two described radio cards. */
export function VisibilityChoice({
  name,
  value,
  onChange,
  legend,
  disabled,
}: {
  name: string;
  value: VisibilityValue;
  onChange: (value: VisibilityValue) => void;
  legend: string;
  disabled?: boolean;
}) {
  return (
    <fieldset disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      <div className="mt-1.5 grid gap-2 sm:grid-cols-2">
        {OPTIONS.map(({ value: v, label, description, Icon }) => (
          <label
            key={v}
            className={cn(
              'flex cursor-pointer gap-3 rounded-lg border p-3 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-teal-600',
              value === v
                ? 'border-teal-600 bg-teal-50/60 dark:border-teal-500 dark:bg-teal-950/40'
                : 'border-slate-300 hover:border-slate-400 dark:border-slate-700 dark:hover:border-slate-600',
            )}
          >
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} className="sr-only" />
            <Icon className={cn('mt-0.5 size-4', value === v ? 'text-teal-700 dark:text-teal-400' : 'text-slate-500')} />
            <span>
              <span className="block font-medium text-slate-900 dark:text-slate-100">{label}</span>
              <span className="block text-slate-600 dark:text-slate-400">{description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
