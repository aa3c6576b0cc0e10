import type { NamespaceLimitDto } from '@/lib/schemas/namespaces';

/** "You own 1 of the 3 namespaces you may create." */
export function NamespaceLimitLine({ limit }: { limit: NamespaceLimitDto }) {
  if (limit.limit === null) {
    return (
      <>
        You own {limit.owned} {limit.owned === 1 ? 'namespace' : 'namespaces'}; as an administrator you have no limit.
      </>
    );
  }
  return (
    <>
      You own <strong className="font-semibold text-slate-900 dark:text-slate-100">{limit.owned}</strong> of the{' '}
      <strong className="font-semibold text-slate-900 dark:text-slate-100">{limit.limit}</strong> {limit.limit === 1 ? 'namespace' : 'namespaces'} you may
      own.
    </>
  );
}

export function limitReached(limit: NamespaceLimitDto | undefined): boolean {
  return !!limit && limit.limit !== null && limit.owned >= limit.limit;
}
