import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import { createHttpServer } from '@/lib/server/create-http-server';
import type { AppContext } from '@/lib/services/context';
import { hashPassword } from '@/lib/services/users/password';
import { createStorage } from '@/lib/storage/create-storage';
import { EncryptedDriver } from '@/lib/storage/encryption/encrypted-driver';
import { parseKeyring } from '@/lib/storage/encryption/keyring';
import { createTestDatabase, randomName } from './database';
import { fileFixture } from './file-fixture';

export interface TestUser {
  id: string;
  username: string;
  password: string;
}

export interface TestRegistry {
  app: AppContext;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  dataDir: string;
  admin: TestUser;
  createUser(opts?: { admin?: boolean; username?: string }): Promise<TestUser>;
  /** Basic Authorization header value for a user. */
  basic(user: TestUser): string;
  stop(): Promise<void>;
}

/** A Berth registry on a random loopback port with its own database and storage directory. */
export async function startTestRegistry(overrides: Partial<Config> = {}): Promise<TestRegistry> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'berth-test-data-'));
  const storageConfig = overrides.storage ?? { driver: 'fs', rootDir: path.join(dataDir, 'storage') };
  const config: Config = { ...loadConfig({}), port: 0, dataDir, databaseUrl: database.url, ...overrides, storage: storageConfig };
  const db = createDb(database.url, { poolSize: 10 });
  const plain = createStorage(storageConfig);
  const storage = config.encryptionKeys ? new EncryptedDriver(plain, parseKeyring(config.encryptionKeys)) : plain;
  const app: AppContext = { db, storage, config };
  const server = createHttpServer(app, { log: (l) => process.env.BERTH_TEST_LOG && console.log(l) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const createUser: TestRegistry['createUser'] = async (opts = {}) => {
    const username = opts.username ?? randomName('user');
    const password = `pw-${randomName()}`;
    const user = await db.user.create({
      data: { username, passwordHash: await hashPassword(password), isAdmin: opts.admin ?? false },
    });
    return { id: user.id, username, password };
  };
  const admin = await createUser({ admin: true, username: 'admin' });

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    dataDir,
    admin,
    createUser,
    basic: (u) => `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The test file's registry: started before its first test and stopped after its last. Overrides that need another
 * file fixture (an S3 server's settings) come as a function, called once that fixture has started.
 */
export function useTestRegistry(overrides: Partial<Config> | (() => Partial<Config>) = {}): TestRegistry {
  const start = () => startTestRegistry(typeof overrides === 'function' ? overrides() : overrides);
  return fileFixture(start, (reg) => reg.stop());
}
