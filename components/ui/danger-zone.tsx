'use client';

import type { ReactNode } from 'react';
import { Button } from './button';
import { Card, CardBody, CardHeader } from './card';
import { ConfirmDialog } from './confirm-dialog';
import type { useConfirmedMutation } from './use-confirmed-mutation';

/**
 * The card at the foot of a page that deletes what the page shows: `action` names the card, its button and the
 * dialog's confirm button; the dialog asks `question`, says `consequence`, and with `confirmText` wants it typed.
 */
export function DangerZone({
  action,
  description,
  question,
  consequence,
  confirmText,
  flow,
}: {
  action: string;
  description: ReactNode;
  question: ReactNode;
  consequence: ReactNode;
  confirmText?: string;
  flow: ReturnType<typeof useConfirmedMutation>;
}) {
  return (
    <Card className="border-red-200 dark:border-red-900/70">
      <CardHeader title={action} description={description} />
      <CardBody className="flex justify-end">
        <Button variant="danger" onClick={flow.ask}>
          {action}
        </Button>
      </CardBody>
      <ConfirmDialog {...flow.dialog} title={question} description={consequence} confirmLabel={action} confirmText={confirmText} />
    </Card>
  );
}
