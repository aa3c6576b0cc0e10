import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { Notice } from './notice';

/** A failed read's or change's error, said in words, as an error Notice; nothing while there is none. */
export function ErrorNotice({ error, title, className }: { error: unknown; title?: ReactNode; className?: string }) {
  if (!error) return null;
  return (
    <Notice tone="error" title={title} className={className}>
      {errorMessage(error)}
    </Notice>
  );
}
