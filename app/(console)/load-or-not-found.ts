import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors/app-error';

/** Runs service calls for a page: NOT_FOUND (missing or hidden, the services do not say which) becomes the 404 page. */
export async function loadOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'UNAUTHORIZED')) notFound();
    throw err;
  }
}
