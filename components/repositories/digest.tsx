import { shortDigest } from '@/lib/client/format';
import { CopyButton } from '@/components/ui/copy-button';

/** A digest shortened to Docker's 12 hex characters, the full value in a tooltip and on the copy button. */
export function Digest({ digest, label = 'digest', full }: { digest: string; label?: string; full?: boolean }) {
  return (
    <span className="inline-flex max-w-full items-center gap-0.5">
      <code className={full ? 'break-all font-mono text-xs' : 'whitespace-nowrap font-mono text-xs'} title={digest}>
        {full ? digest : shortDigest(digest)}
      </code>
      <CopyButton value={digest} label={label} />
    </span>
  );
}
