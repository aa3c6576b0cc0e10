import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureBuild } from './ensure-build';

// The whole suite, in order: type check, then unit, integration and client-interop tests (vitest), then browser
// tests (Playwright against a production build). Ends with one summary line.
const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'test-results');
mkdirSync(RESULTS, { recursive: true });
const bin = (pkg: string, rel: string) => path.join(ROOT, 'node_modules', pkg, rel);

function step(name: string, args: string[], env: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const res = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  return res.status === 0;
}

let passed = 0;
let failed = 0;

const typesOk = step('typecheck', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.']);
if (!typesOk) failed++;

const vitestJson = path.join(RESULTS, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestOk = step('unit, integration and interop tests', [
  bin('vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`,
]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTests: number; success: boolean };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A run that errored outside any test, or ran none, is a failure too.
  if (!vitestOk || !r.success || r.numTotalTests === 0) failed += r.numFailedTests ? 0 : 1;
} else {
  failed++;
}

ensureBuild();
const pwJson = path.join(RESULTS, 'playwright.json');
rmSync(pwJson, { force: true });
const browserOk = step('browser tests', [bin('@playwright/test', 'cli.js'), 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
if (existsSync(pwJson)) {
  const r = JSON.parse(readFileSync(pwJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
  if (!browserOk && r.stats.unexpected === 0) failed++;
} else {
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
