import { TextField } from '@/components/ui/field';

/** How many namespaces a (non-administrator) user may own; empty means the installation's default. */
export function NamespaceLimitField({
  id,
  value,
  onChange,
  error,
  defaultLimit,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  defaultLimit: number;
}) {
  return (
    <TextField
      id={id}
      label="Namespace limit"
      error={error}
      hint={`How many namespaces the user may own. Empty: the installation's default (${defaultLimit}).`}
      type="number"
      inputMode="numeric"
      min={0}
      max={10000}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      inputClassName="max-w-32"
    />
  );
}
