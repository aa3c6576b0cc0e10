import { HeadBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';

export interface S3Settings {
  bucket: string;
  region: string;
  /** For S3-compatible servers (MinIO, Ceph RGW, R2, …); AWS when absent. */
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Prepended to every key, so one bucket can hold several registries; "" or ending in "/". */
  prefix: string;
  /** Answer blob GETs with a redirect to a presigned URL. */
  redirect: boolean;
}

export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    // Without keys the SDK's default chain applies (environment, instance or pod role, shared files).
    credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
    // Newer SDKs add CRC32 checksums to every upload by default; many S3-compatible servers (s3rver, older MinIO
    // and Ceph releases) reject or ignore them. Checksums only where the API requires them (DeleteObjects).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 4,
  });
}

/** The HTTP status S3 answered with, when the error came from S3 rather than the network. */
export function s3Status(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

export function isS3NotFound(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return s3Status(err) === 404 || name === 'NoSuchKey' || name === 'NotFound';
}

/** Thrown at start-up when the S3 settings cannot work; its message is one line for the operator. */
export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

/** Checks that the bucket exists and these credentials may use it, turning every failure into one clear line. */
export async function checkBucket(client: S3Client, s: S3Settings): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: s.bucket }));
  } catch (err) {
    throw describeS3Failure(err, s);
  }
}

export function describeS3Failure(err: unknown, s: S3Settings): StorageConfigError {
  const where = s.endpoint ? `at ${s.endpoint}` : `in AWS region ${s.region}`;
  const status = s3Status(err);
  const code = (err as { code?: string; name?: string } | null)?.code ?? (err as { name?: string } | null)?.name ?? 'error';
  if (status === 404) return new StorageConfigError(`S3 bucket "${s.bucket}" not found ${where} (BERTH_S3_BUCKET)`);
  if (status === 403) {
    return new StorageConfigError(
      `access denied to S3 bucket "${s.bucket}" ${where}: check BERTH_S3_ACCESS_KEY_ID and BERTH_S3_SECRET_ACCESS_KEY and the bucket's policy`,
    );
  }
  if (status === 301 || status === 400) {
    return new StorageConfigError(`S3 bucket "${s.bucket}" ${where} answered ${status}: check BERTH_S3_REGION and BERTH_S3_FORCE_PATH_STYLE`);
  }
  if (err instanceof S3ServiceException) {
    return new StorageConfigError(`S3 bucket "${s.bucket}" ${where} is unusable: ${err.name} (HTTP ${status ?? '?'})`);
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new StorageConfigError(`cannot reach S3 ${where}: ${code}: ${message}`);
}
