import type { ScanDto } from '@/lib/schemas/scans';
import { apiFetch } from './api-fetch';
import { repositoryApiPath } from '@/lib/paths/repository-paths';

// A tag's scan: the newest scan of the digest the tag points at now (404 until it was scanned once).

const scanPath = (repository: string, tag: string) => `${repositoryApiPath(repository)}/tags/${encodeURIComponent(tag)}/scan`;

export const getScan = (repository: string, tag: string, signal?: AbortSignal) => apiFetch<ScanDto>(scanPath(repository, tag), { signal });

/** Queues a scan of the tag's digest; answers 202 with the queued scan. */
export const startScan = (repository: string, tag: string) => apiFetch<ScanDto>(scanPath(repository, tag), { method: 'POST' });
