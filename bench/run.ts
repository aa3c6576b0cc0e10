// `npm run bench` runs every bench/*.bench.ts; `npm run bench -- registry` runs only those named.
// Each benchmark module exports `async function main()`; they run one after another, never side by side, so
// they don't compete for the machine.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const requested = process.argv.slice(2).map((a) => path.basename(a).replace(/\.bench(\.ts)?$/, ''));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}

let failed = 0;
for (const name of requested.length ? requested : available) {
  console.log(`\n=== bench: ${name} ===`);
  const t0 = Date.now();
  try {
    const mod = (await import(pathToFileURL(path.join(dir, `${name}.bench.ts`)).href)) as { main?: () => Promise<unknown> };
    if (typeof mod.main !== 'function') throw new Error(`bench/${name}.bench.ts exports no main()`);
    await mod.main();
    console.log(`=== ${name}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s ===`);
  } catch (e) {
    failed++;
    console.error(`=== ${name}: FAILED after ${((Date.now() - t0) / 1000).toFixed(0)} s ===`);
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  }
}
// Leftover handles (keep-alive sockets) must not keep the process alive; 'exit' handlers still run.
process.exit(failed ? 1 : 0);
