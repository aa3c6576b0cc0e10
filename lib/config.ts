import { readFileSync } from 'node:fs';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseCronOrOff, parseQuotaOrNone } from './config-lifecycle';
import type { StorageConfig } from '@/lib/storage/create-storage';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BERTH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  BERTH_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  BERTH_PUBLIC_URL: z.string().url().optional(),
  BERTH_UPLOAD_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  BERTH_REGION: z.string().regex(/^[a-z0-9-]+$/).default('local'),
  BERTH_ACCOUNT: z.string().regex(/^[a-z0-9-]+$/).default('berth'),
  BERTH_LOG_REQUESTS: bool.default(false),
  BERTH_NAMESPACE_LIMIT: z.coerce.number().int().min(0).default(3),
  BERTH_SIGNIN_FAILURES_PER_USER: z.coerce.number().int().min(1).default(10),
  BERTH_SIGNIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  BERTH_SERVICE: z.string().min(1).max(200).default('berth-registry'),
  BERTH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(300),
  // Background jobs and webhooks (lib/jobs, lib/services/webhooks).
  BERTH_WORKER: z.enum(['on', 'off', 'true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['on', 'true', '1', 'yes'].includes(v)).default(true),
  BERTH_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  BERTH_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  BERTH_WEBHOOK_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(80),
  BERTH_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  BERTH_WEBHOOK_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  // Vulnerability data an administrator uploads (lib/services/vulndb): an OSV zip export or JSON file.
  BERTH_VULNDB_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(2 * 1024 ** 3),
  // Image scans (lib/services/scans).
  BERTH_VULNDB_UPLOAD_WAIT_SECONDS: z.coerce.number().min(0).max(600).default(20),
  BERTH_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  // Security (lib/server/client-address.ts, lib/server/body-guard.ts, lib/services/uploads).
  BERTH_TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((v) => splitList(v).every(isCidr), 'must be a comma-separated list of addresses or CIDRs, e.g. 10.0.0.0/8,::1'),
  BERTH_BODY_IDLE_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  BERTH_MAX_OPEN_UPLOADS: z.coerce.number().int().min(1).max(100_000).default(100),
  // Builds from Git with buildah (lib/services/builds).
  BERTH_BUILD_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
  BERTH_BUILD_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  BERTH_BUILD_STORAGE_DRIVER: z.enum(['vfs', 'overlay']).default('vfs'),
  BERTH_BUILD_CACHE_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  BERTH_BUILD_REGISTRY: z.string().regex(/^[A-Za-z0-9.-]+:\d+$/, 'host:port').optional(),
  // Lifecycle (lib/services/gc): garbage collection's schedule, cron syntax in UTC, or "off".
  // Quota of every new namespace: bytes or a size with a binary unit ("10GiB"); unset means none.
  BERTH_DEFAULT_NAMESPACE_QUOTA: z.string().trim().default('').transform((v, ctx) => parseQuotaOrNone(v, ctx)),
  // Pull statistics per tag and manifest (batched writes); off only to measure what they cost.
  BERTH_PULL_STATS: bool.default(true),
  BERTH_GC_SCHEDULE: z.string().trim().default('0 3 * * *').transform((v, ctx) => parseCronOrOff(v, ctx)),
  // Blob storage (lib/storage): the data directory, or an S3-compatible bucket.
  BERTH_STORAGE: z.enum(['fs', 's3']).default('fs'),
  BERTH_S3_BUCKET: z.string().min(3).max(63).optional(),
  BERTH_S3_REGION: z.string().min(1).default('us-east-1'),
  BERTH_S3_ENDPOINT: z.string().url().optional(),
  BERTH_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  BERTH_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  BERTH_S3_FORCE_PATH_STYLE: bool.default(false),
  BERTH_S3_PREFIX: z.string().regex(/^[^/\\]+(\/[^/\\]+)*\/?$/, 'must be a relative path like "berth/"').optional(),
  BERTH_S3_REDIRECT: bool.default(false),
  // Encryption at rest (lib/storage/encryption): `id:base64key` entries, the last one encrypting new data.
  BERTH_ENCRYPTION_KEY: z.string().min(1).optional(),
  BERTH_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  // Operations: /metrics may require `Authorization: Bearer <token>`.
  BERTH_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // After new vulnerability data is imported, images pushed or scanned within this many days are rescanned; 0: never.
  BERTH_RESCAN_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
});

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function isCidr(v: string): boolean {
  try {
    if (v.includes('/')) ipaddr.parseCIDR(v);
    else ipaddr.parse(v);
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  adminPassword?: string;
  /** Base URL clients reach this server at; the token realm and Location headers build on it. */
  publicUrl?: string;
  uploadMaxAgeMs: number;
  region: string;
  account: string;
  logRequests: boolean;
  /** Namespaces a non-admin user may own unless their own limit says otherwise. */
  namespaceLimit: number;
  /** The `service` of the token challenge and the audience of every registry token. */
  service: string;
  /** Failed sign-ins allowed in 15 minutes per username and per source address before 429s. */
  signInFailuresPerUser: number;
  signInFailuresPerAddress: number;
  /** Lifetime of registry bearer tokens. */
  tokenTtlSeconds: number;
  /** Run background jobs (webhook deliveries, …) in this process; `BERTH_WORKER=off` leaves them to `npm run worker`. */
  worker: boolean;
  /** How often an idle job worker polls the queue (a job queued in the same process wakes it at once). */
  jobPollSeconds: number;
  webhooks: {
    /** Attempts per delivery, the first included. */
    maxAttempts: number;
    /**
     * Retry n waits between base·2^(n-1) and base·2^n seconds (exponential with jitter): with the defaults (6 attempts,
     * 80 s) the last attempt comes 41–83 minutes after the first.
     */
    backoffBaseSeconds: number;
    /** Deliver to loopback, private, link-local and other internal addresses (off: such targets are refused). */
    allowPrivate: boolean;
    /** Push and tag-delete events (with their deliveries) older than this are deleted. */
    eventRetentionDays: number;
  };
  /** Largest vulnerability-data file an administrator may upload (`POST /api/v1/vulndb/imports`). */
  vulndbUploadMaxBytes: number;
  /** How long an upload's request waits for its import; a longer import goes on in the background (202). */
  vulndbUploadWaitSeconds: number;
  /** Image scans one worker process runs at once (each reads its layers as streams, CPU-bound on decompression). */
  scanConcurrency: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address is the client. */
  trustedProxies: string[];
  /** A request body that makes no progress for this long is cut with 408 (and an upload's lease released). */
  bodyIdleSeconds: number;
  /** Upload sessions one user may have open at once. */
  maxOpenUploads: number;
  builds: {
    /** A build still running after this long is stopped and failed. */
    timeoutSeconds: number;
    /** Builds one worker process runs at once. */
    concurrency: number;
    /** buildah's storage driver for the build store under `<data dir>/builds`. */
    storageDriver: 'vfs' | 'overlay';
    /** Cached build layers and base images older than this many days are pruned daily. */
    cacheMaxAgeDays: number;
    /** host:port at which builds reach this server's registry (default: loopback and PORT). */
    registryAddress?: string;
  };
  /** When garbage collection runs by itself (cron, UTC), or null when only administrators start it. */
  gcSchedule: string | null;
  /** Storage quota of a namespace when it is created, or null for none. */
  defaultNamespaceQuotaBytes: number | null;
  /** Count pulls per tag and manifest (written in batches); `BERTH_PULL_STATS=false` turns it off. */
  pullStats: boolean;
  /** Where blobs live: under the data directory unless BERTH_STORAGE=s3. */
  storage: StorageConfig;
  /** Master keys for encryption at rest (the text of BERTH_ENCRYPTION_KEY or its file); no encryption when unset. */
  encryptionKeys?: string;
  /** When set, GET /metrics needs `Authorization: Bearer <this>`. */
  metricsToken?: string;
  /** Images pushed or scanned within this many days are rescanned after an import changes the data (0: never; default 30). */
  rescanDays?: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", as shells and .env files commonly write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.BERTH_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    adminPassword: e.BERTH_ADMIN_PASSWORD,
    publicUrl: e.BERTH_PUBLIC_URL?.replace(/\/+$/, ''),
    uploadMaxAgeMs: e.BERTH_UPLOAD_MAX_AGE_HOURS * 3600_000,
    region: e.BERTH_REGION,
    account: e.BERTH_ACCOUNT,
    logRequests: e.BERTH_LOG_REQUESTS,
    namespaceLimit: e.BERTH_NAMESPACE_LIMIT,
    service: e.BERTH_SERVICE,
    signInFailuresPerUser: e.BERTH_SIGNIN_FAILURES_PER_USER,
    signInFailuresPerAddress: e.BERTH_SIGNIN_FAILURES_PER_ADDRESS,
    tokenTtlSeconds: e.BERTH_TOKEN_TTL_SECONDS,
    worker: e.BERTH_WORKER,
    jobPollSeconds: e.BERTH_JOB_POLL_SECONDS,
    webhooks: {
      maxAttempts: e.BERTH_WEBHOOK_MAX_ATTEMPTS,
      backoffBaseSeconds: e.BERTH_WEBHOOK_BACKOFF_BASE_SECONDS,
      allowPrivate: e.BERTH_WEBHOOK_ALLOW_PRIVATE,
      eventRetentionDays: e.BERTH_WEBHOOK_EVENT_RETENTION_DAYS,
    },
    vulndbUploadMaxBytes: e.BERTH_VULNDB_UPLOAD_MAX_BYTES,
    vulndbUploadWaitSeconds: e.BERTH_VULNDB_UPLOAD_WAIT_SECONDS,
    scanConcurrency: e.BERTH_SCAN_CONCURRENCY,
    trustedProxies: splitList(e.BERTH_TRUSTED_PROXIES),
    bodyIdleSeconds: e.BERTH_BODY_IDLE_SECONDS,
    maxOpenUploads: e.BERTH_MAX_OPEN_UPLOADS,
    builds: {
      timeoutSeconds: e.BERTH_BUILD_TIMEOUT_SECONDS,
      concurrency: e.BERTH_BUILD_CONCURRENCY,
      storageDriver: e.BERTH_BUILD_STORAGE_DRIVER,
      cacheMaxAgeDays: e.BERTH_BUILD_CACHE_MAX_AGE_DAYS,
      registryAddress: e.BERTH_BUILD_REGISTRY,
    },
    gcSchedule: e.BERTH_GC_SCHEDULE,
    defaultNamespaceQuotaBytes: e.BERTH_DEFAULT_NAMESPACE_QUOTA,
    pullStats: e.BERTH_PULL_STATS,
    storage: storageConfig(e, dataDir),
    encryptionKeys: encryptionKeys(e),
    metricsToken: e.BERTH_METRICS_TOKEN,
    rescanDays: e.BERTH_RESCAN_DAYS,
  };
}

function encryptionKeys(e: z.infer<typeof EnvSchema>): string | undefined {
  if (e.BERTH_ENCRYPTION_KEY && e.BERTH_ENCRYPTION_KEY_FILE) {
    throw new ConfigError('invalid configuration:\n  BERTH_ENCRYPTION_KEY and BERTH_ENCRYPTION_KEY_FILE: set one, not both');
  }
  if (!e.BERTH_ENCRYPTION_KEY_FILE) return e.BERTH_ENCRYPTION_KEY;
  try {
    return readFileSync(e.BERTH_ENCRYPTION_KEY_FILE, 'utf8');
  } catch (err) {
    throw new ConfigError(`invalid configuration:\n  BERTH_ENCRYPTION_KEY_FILE: cannot read ${e.BERTH_ENCRYPTION_KEY_FILE} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function storageConfig(e: z.infer<typeof EnvSchema>, dataDir: string): StorageConfig {
  if (e.BERTH_STORAGE === 'fs') return { driver: 'fs', rootDir: path.join(dataDir, 'storage') };
  if (!e.BERTH_S3_BUCKET) throw new ConfigError('invalid configuration:\n  BERTH_S3_BUCKET: required when BERTH_STORAGE=s3');
  if (!e.BERTH_S3_ACCESS_KEY_ID !== !e.BERTH_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError('invalid configuration:\n  BERTH_S3_ACCESS_KEY_ID and BERTH_S3_SECRET_ACCESS_KEY: set both, or neither to use the default AWS credential chain');
  }
  const prefix = e.BERTH_S3_PREFIX ? e.BERTH_S3_PREFIX.replace(/\/?$/, '/') : '';
  return {
    driver: 's3',
    s3: {
      bucket: e.BERTH_S3_BUCKET,
      region: e.BERTH_S3_REGION,
      endpoint: e.BERTH_S3_ENDPOINT,
      accessKeyId: e.BERTH_S3_ACCESS_KEY_ID,
      secretAccessKey: e.BERTH_S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.BERTH_S3_FORCE_PATH_STYLE,
      prefix,
      redirect: e.BERTH_S3_REDIRECT,
    },
  };
}
