import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import type { JobQueue } from '@/lib/jobs/app-job-queue';
import type { StorageDriver } from '@/lib/storage/driver';

/**
 * What every service function runs against: the database, blob storage and configuration, plus the long-lived
 * parts a booted process holds (lib/server/boot.ts builds them; tests may leave them out). The server hands this one
 * object to the web console's route handlers too (app-context-global.ts), so both see the same queue and imports.
 */
export interface AppContext {
  db: Db;
  storage: StorageDriver;
  config: Config;
  /** The job queue, while one runs in this process (start-jobs.ts sets and clears it). */
  jobs?: JobQueue;
  /** Vulnerability-data imports started by uploads in this process, so a shutdown can stop them. */
  vulnImports?: Map<AbortController, Promise<unknown>>;
}

export type RegistryAction = 'pull' | 'push' | 'delete';

/** What a registry bearer token grants: per repository name, the actions its scope allowed when it was issued. */
export interface RegistryAccess {
  repositories: ReadonlyMap<string, ReadonlySet<RegistryAction>>;
  catalog: boolean;
}

/** Where a request came from, for the audit log. */
export interface Origin {
  ip?: string;
  via: 'registry' | 'api' | 'console' | 'token';
}

interface ActorBase {
  origin?: Origin;
  /** Set when the caller presented a registry bearer token: nothing beyond its scope is allowed. */
  registryAccess?: RegistryAccess;
}

export type Actor =
  | ({ kind: 'anonymous' } & ActorBase)
  | ({
      kind: 'user';
      id: string;
      username: string;
      isAdmin: boolean;
      /** Set when the caller authenticated with a personal access token: the token's own limits. */
      tokenLimits?: { readOnly: boolean; namespaces: readonly string[] };
      /** Id of that personal access token. */
      accessTokenId?: string;
      /** When authenticated by password: the hash it was verified against (see access-profile.ts). */
      verifiedPasswordHash?: string;
      /**
       * When authenticated by a console session or a registry token issued to a password: the user's session
       * version then. A password change or reset, or signing out, moves it on and so ends those credentials.
       */
      sessionVersion?: number;
    } & ActorBase);

export type UserActor = Extract<Actor, { kind: 'user' }>;

export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : 'anonymous';
}
