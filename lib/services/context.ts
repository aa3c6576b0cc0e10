import type { Config } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import type { StorageDriver } from '@/lib/storage/driver';

/** What every service function runs against: the database, blob storage and configuration. */
export interface AppContext {
  db: Db;
  storage: StorageDriver;
  config: Config;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: string; username: string; isAdmin: boolean };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : 'anonymous';
}
