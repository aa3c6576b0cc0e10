import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './berth';

/** Writes a run's figures to bench/results/<name>-<timestamp>.json and logs where; returns the file. */
export function writeResults(name: string, results: object, log: (line: string) => void): string {
  const dir = path.join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  log(`results written to ${path.relative(PROJECT_ROOT, file)}`);
  return file;
}
