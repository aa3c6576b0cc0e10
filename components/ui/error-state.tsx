'use client';

import type { ReactNode } from 'react';
import { isApiError } from '@/lib/client/api-fetch';
import { errorMessage } from '@/lib/client/field-errors';
import { Button } from './button';
import { Notice } from './notice';

/**
 * A read that failed: what could not be loaded (`title`), the server's reason, and a way to try again. A 404 shows
 * `notFound` instead when given (the thing is gone or hidden, which no retry changes).
 */
export function ErrorState({
  title,
  error,
  onRetry,
  notFound,
  className,
}: {
  title: ReactNode;
  error: unknown;
  onRetry?: () => unknown;
  notFound?: ReactNode;
  className?: string;
}) {
  if (notFound !== undefined && isApiError(error, 404)) return <>{notFound}</>;
  return (
    <Notice tone="error" title={title} className={className}>
      <span>{errorMessage(error)}</span>
      {onRetry ? (
        <Button size="sm" className="ml-3" onClick={() => onRetry()}>
          Try again
        </Button>
      ) : null}
    </Notice>
  );
}
