import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// The console is a Next.js production build. It is (re)built when missing or older than any source it is made of,
// so `npm start` after a `git pull` serves what the checkout holds.
const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.mjs', 'postcss.config.mjs', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'generated' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function buildIsCurrent(): boolean {
  const stamp = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= built);
}

export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  try {
    accessSync(ROOT, constants.W_OK);
  } catch {
    // A read-only checkout (an image layer, a shared install) cannot build in place.
    throw new Error(`the web console is not built and ${ROOT} is not writable: run \`npm run build\` there once as its owner`);
  }
  console.log('[berth] building the web console (first start or sources changed)…');
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error('building the web console failed (its output is above): fix the error, then run `npm start` again');
}
