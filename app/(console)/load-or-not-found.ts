import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors/app-error';
import { DomainError } from '@/lib/errors/domain-error';

/** Runs service calls for a page: NOT_FOUND (missing or hidden, the services do not say which) becomes the 404 page. */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DomainError && (err.kind === 'absent' || err.kind === 'unauthenticated')) notFound();
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'UNAUTHORIZED')) notFound();
    throw err;
  }
}
