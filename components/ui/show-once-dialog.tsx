'use client';

import { useState, type ReactNode } from 'react';
import { Dialog } from './dialog';

/**
 * A dialog whose form creates something with a secret (an access token), then shows it once in its place. The
 * secret lives only in this dialog: closing forgets it, so opening again starts from the form.
 * `formDescription` describes the form step only.
 */
export function ShowOnceDialog<T>({
  open,
  onClose,
  title,
  formDescription,
  form,
  result,
}: {
  open: boolean;
  onClose: () => void;
  title: (created: T | null) => ReactNode;
  formDescription: ReactNode;
  form: (onCreated: (created: T) => void, onCancel: () => void) => ReactNode;
  result: (created: T, onClose: () => void) => ReactNode;
}) {
  const [created, setCreated] = useState<T | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} size="lg" title={title(created)} description={created ? undefined : formDescription}>
      {created ? result(created, close) : form(setCreated, close)}
    </Dialog>
  );
}
