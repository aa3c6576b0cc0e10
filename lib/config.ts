import path from 'node:path';
import { z } from 'zod';

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
  // After new vulnerability data is imported, images pushed or scanned within this many days are rescanned; 0: never.
  BERTH_RESCAN_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
});

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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.BERTH_DATA_DIR),
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
    rescanDays: e.BERTH_RESCAN_DAYS,
  };
}
