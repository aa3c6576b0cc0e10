import { scanAllResultSchema, scanSchema } from '@/lib/schemas/scans';
import type { ApiOperation } from '../operation';

const TAG = '/api/v1/repositories/{namespace}/{repository}/tags/{tag}';

export const scanOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/repositories/{namespace}/{repository}/scans',
    summary: 'Scan all: queue a scan of every tagged image of the repository (artifacts skipped; an image already being scanned keeps that scan)',
    tag: 'scans',
    action: 'cr:ScanImage',
    response: scanAllResultSchema,
    status: 202,
  },
  {
    method: 'post',
    path: '/api/v1/namespaces/{namespace}/scans',
    summary: 'Scan all: queue a scan of every tagged image in the repositories of the namespace the caller may scan',
    tag: 'scans',
    action: 'cr:ScanImage',
    response: scanAllResultSchema,
    status: 202,
  },
  {
    method: 'post',
    path: `${TAG}/scan`,
    summary:
      'Scan the image the tag points at (every platform of an index) for vulnerable packages and secrets, in the background. Answers the queued scan, or the one already queued or running for that image; poll GET for the result',
    tag: 'scans',
    action: 'cr:ScanImage',
    response: scanSchema,
    status: 202,
  },
  {
    method: 'get',
    path: `${TAG}/scan`,
    summary:
      "The newest scan of the image the tag points at now: status and progress, then counts and one report per platform once it succeeded, or `error` once it failed. 404 `SCAN_UNKNOWN` when that image was never scanned. Everyone who may pull the image may read it (anonymous callers: on a public repository)",
    tag: 'scans',
    action: 'cr:GetScanReport',
    response: scanSchema,
  },
];
