import type { VulnDbStatusDto, VulnImportDto } from '@/lib/schemas/vulndb';
import { apiFetch, readApiResponse } from './api-fetch';

export const getVulnDbStatus = (signal?: AbortSignal) => apiFetch<VulnDbStatusDto>('/api/v1/vulndb', { signal });

/** The Content-Type the import endpoint reads a file as: a zip of OSV records, or OSV JSON. */
export function vulnDataContentType(file: File): 'application/zip' | 'application/json' {
  return file.type === 'application/zip' || file.type === 'application/x-zip-compressed' || /\.zip$/i.test(file.name) ? 'application/zip' : 'application/json';
}

/**
 * Sends the file itself as the request body (not a form): the server streams a zip to disk and parses JSON without
 * a multipart layer in between. apiFetch only sends JSON bodies, hence this request of its own; its answer is read
 * like any other.
 */
export async function uploadVulnData(file: File): Promise<VulnImportDto> {
  const res = await fetch(`/api/v1/vulndb/imports?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': vulnDataContentType(file) },
    body: file,
    credentials: 'same-origin',
    cache: 'no-store',
  });
  return readApiResponse<VulnImportDto>(res, 'upload failed');
}
