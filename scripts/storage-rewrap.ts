// `npm run storage:rewrap`: after a new key was added at the end of BERTH_ENCRYPTION_KEY, re-wraps every stored
// object's data key with it, so the older keys can then be removed. Needs only storage, not the database; safe to
// run while servers are up (objects are replaced atomically, blobs never change).
import { loadConfig } from '@/lib/config';
import { EncryptedDriver } from '@/lib/storage/encryption/encrypted-driver';
import { openStorage } from '@/lib/storage/create-storage';

async function main() {
  const config = loadConfig();
  if (config.encryptionKeys === undefined) throw new Error('set BERTH_ENCRYPTION_KEY or BERTH_ENCRYPTION_KEY_FILE (old keys first, the new one last)');
  const storage = await openStorage(config.storage, config.encryptionKeys);
  if (!(storage instanceof EncryptedDriver)) throw new Error('storage is not encrypted');
  const { rewrapped, current } = await storage.rewrap();
  console.log(`[berth] re-wrapped ${rewrapped} object(s); ${current} already used the newest key; older keys may now be removed`);
}

main().catch((err) => {
  console.error(`[berth] storage:rewrap failed: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
