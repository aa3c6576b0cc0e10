import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { BoxIcon } from '@/components/ui/icons';

// Missing and hidden look the same: the API answers 404 for both, and so does the console.
export default function ConsoleNotFound() {
  return (
    <EmptyState
      icon={<BoxIcon className="size-5" />}
      title="Not found"
      className="mt-8"
      action={<ButtonLink href="/repositories">Go to repositories</ButtonLink>}
    >
      This page does not exist, or you do not have access to it. If someone shared the link with you, ask them to grant you
      access.
    </EmptyState>
  );
}
