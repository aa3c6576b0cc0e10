'use client';

import type { ReactNode } from 'react';
import { ErrorState } from './error-state';

/** What QueryView reads from a React Query result (useQuery or useInfiniteQuery). */
export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  refetch: () => unknown;
}

/**
 * The states of one read, in one place: `loading` until the first answer, an ErrorState (with "Try again", or
 * `notFound` for a 404) when there is none, `empty` when `isEmpty` says the answer holds nothing, else the data.
 * A failed refresh of data already shown keeps the data and, with `refreshErrorTitle`, says so above it.
 */
export function QueryView<T>({
  query,
  loading,
  errorTitle,
  notFound,
  isEmpty,
  empty,
  refreshErrorTitle,
  errorClassName,
  children,
}: {
  query: QueryLike<T>;
  loading: ReactNode;
  errorTitle: ReactNode;
  notFound?: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  refreshErrorTitle?: ReactNode;
  errorClassName?: string;
  children: (data: T) => ReactNode;
}) {
  const { data } = query;
  if (data === undefined) return <QueryFallback query={query} loading={loading} errorTitle={errorTitle} notFound={notFound} className={errorClassName} />;
  const body = isEmpty?.(data) ? empty : children(data);
  if (query.isError && refreshErrorTitle) {
    return (
      <>
        <ErrorState title={refreshErrorTitle} error={query.error} onRetry={query.refetch} className="mb-4" />
        {body}
      </>
    );
  }
  return <>{body}</>;
}

/**
 * What stands in for a read's data before there is any: `loading`, or an ErrorState with "Try again" (`notFound` for
 * a 404). `before` (a back link, say) is shown above the error, and `className` styles a box around it. For components that return early without data.
 */
export function QueryFallback({
  query,
  loading,
  errorTitle,
  notFound,
  before,
  className,
}: {
  query: Omit<QueryLike<unknown>, 'data'>;
  loading: ReactNode;
  errorTitle: ReactNode;
  notFound?: ReactNode;
  before?: ReactNode;
  className?: string;
}) {
  if (!query.isError) return <>{loading}</>;
  const error = <ErrorState title={errorTitle} error={query.error} onRetry={query.refetch} notFound={notFound} />;
  if (!before && !className) return error;
  return (
    <div className={className}>
      {before}
      {error}
    </div>
  );
}
