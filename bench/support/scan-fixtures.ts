// The synthetic image and advisory data of the scan benchmark (bench/scan.bench.ts): a Debian 12 image with ~300
// OS packages, ~1,000 npm packages and 100 MB of other files as tar.gz layers on disk, and 100,000 well-formed OSV
// records over Debian:12 and npm, a share of them naming installed packages, as an OSV-style zip export.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { createZipWriter } from '../../test/support/zip-writer';

/** A small deterministic PRNG (mulberry32), so every run builds the same image and records. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REAL_SOURCES = ['glibc', 'openssl', 'openssh', 'curl', 'zlib', 'systemd', 'perl', 'bash', 'coreutils', 'tar', 'gzip', 'xz-utils', 'sqlite3', 'krb5', 'gnutls28', 'libxml2', 'expat', 'pcre2', 'ncurses', 'util-linux', 'shadow', 'pam', 'apt', 'dpkg', 'e2fsprogs', 'libgcrypt20', 'gnupg2', 'nghttp2', 'libssh2', 'icu', 'python3.11', 'tzdata', 'libzstd', 'lz4', 'bzip2', 'libidn2', 'libtasn1-6', 'p11-kit', 'nettle', 'gmp'];
const REAL_NPM = ['lodash', 'express', 'minimist', 'axios', 'semver', 'debug', 'qs', 'ws', 'tar', 'glob', 'jsonwebtoken', 'moment', 'underscore', 'handlebars', 'node-fetch', 'follow-redirects', 'path-to-regexp', 'cookie', 'body-parser', 'ajv'];

export interface InstalledPackage {
  name: string;
  version: string;
}

export interface ImagePlan {
  /** Source packages with their (source) version, as OSV's Debian records name them. */
  debianSources: InstalledPackage[];
  binaries: Array<InstalledPackage & { source: string; sourceVersion: string }>;
  npm: InstalledPackage[];
}

export function planImage(rand: () => number, osPackages = 300, npmPackages = 1000): ImagePlan {
  const debianSources: InstalledPackage[] = [];
  for (let i = 0; debianSources.length < 200; i++) {
    const name = REAL_SOURCES[i] ?? `srcpkg${i}`;
    debianSources.push({ name, version: `${1 + Math.floor(rand() * 9)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}-${1 + Math.floor(rand() * 5)}${rand() < 0.4 ? `+deb12u${1 + Math.floor(rand() * 6)}` : ''}` });
  }
  const binaries: ImagePlan['binaries'] = [];
  for (let i = 0; binaries.length < osPackages; i++) {
    const source = debianSources[i % debianSources.length]!;
    const name = i < debianSources.length ? source.name : `lib${source.name.replace(/[^a-z0-9]/g, '')}${i}`;
    binaries.push({ name, version: source.version, source: source.name, sourceVersion: source.version });
  }
  const npm: InstalledPackage[] = [];
  for (let i = 0; npm.length < npmPackages; i++) {
    const name = REAL_NPM[i] ?? (i % 10 === 0 ? `@scope${i % 37}/pkg-${i}` : `npm-pkg-${i}`);
    npm.push({ name, version: `${Math.floor(rand() * 6)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 15)}` });
  }
  return { debianSources, binaries, npm };
}

type Entry = { name: string; body: Buffer | { random: number } | { text: number } };

/** Writes one tar.gz layer; bulk files are generated chunk by chunk, never held whole. */
async function writeLayer(file: string, entries: Iterable<Entry>, rand: () => number): Promise<void> {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(file));
  for (const e of entries) {
    if (Buffer.isBuffer(e.body)) {
      await new Promise<void>((resolve, reject) => pack.entry({ name: e.name, size: (e.body as Buffer).length }, e.body as Buffer, (err) => (err ? reject(err) : resolve())));
      continue;
    }
    const size = 'random' in e.body ? e.body.random : e.body.text;
    const stream = pack.entry({ name: e.name, size });
    const makeChunk = 'random' in e.body ? (n: number) => randomBytes(n) : (n: number) => textChunk(n, rand);
    for (let written = 0; written < size; ) {
      const n = Math.min(256 * 1024, size - written);
      written += n;
      if (!stream.write(makeChunk(n))) await new Promise<void>((r) => stream.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  }
  pack.finalize();
  await done;
}

const WORDS = 'the quick brown fox jumps over lazy dog config value server request response error warning info debug token user cache file path module export function return const let import from'.split(' ');

function textChunk(n: number, rand: () => number): Buffer {
  let s = '';
  while (s.length < n) {
    const words = 6 + Math.floor(rand() * 10);
    const line: string[] = [];
    for (let i = 0; i < words; i++) line.push(WORDS[Math.floor(rand() * WORDS.length)]!);
    s += `${line.join(' ')}\n`;
  }
  return Buffer.from(s.slice(0, n));
}

function dpkgStatus(plan: ImagePlan): Buffer {
  const paragraphs = plan.binaries.map((b) =>
    [`Package: ${b.name}`, 'Status: install ok installed', 'Priority: optional', 'Architecture: amd64', `Version: ${b.version}`, ...(b.name !== b.source ? [`Source: ${b.source}`] : []), `Description: ${b.name} for the benchmark`, ' A synthetic package.'].join('\n'),
  );
  return Buffer.from(`${paragraphs.join('\n\n')}\n`);
}

/**
 * Three layers: the OS (os-release, dpkg status, 20 MB of libraries and docs), the app (1,000 node_modules
 * packages) and data (80 MB of assets and logs). Other files total 100 MB, a quarter of it text.
 */
export async function writeImageLayers(dir: string, plan: ImagePlan, rand: () => number): Promise<string[]> {
  const MB = 1024 * 1024;
  const base: Entry[] = [
    { name: 'etc/os-release', body: Buffer.from('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n') },
    { name: 'var/lib/dpkg/status', body: dpkgStatus(plan) },
    ...Array.from({ length: 15 }, (_, i): Entry => ({ name: `usr/lib/x86_64-linux-gnu/libbench${i}.so.1`, body: { random: MB } })),
    ...Array.from({ length: 50 }, (_, i): Entry => ({ name: `usr/share/doc/bench/notes-${i}.txt`, body: { text: 100 * 1024 } })),
  ];
  const app: Entry[] = [
    { name: 'app/package.json', body: Buffer.from(JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true })) },
    ...plan.npm.flatMap((p): Entry[] => [
      { name: `app/node_modules/${p.name}/package.json`, body: Buffer.from(JSON.stringify({ name: p.name, version: p.version, main: 'index.js', license: 'MIT' }, null, 2)) },
      { name: `app/node_modules/${p.name}/index.js`, body: Buffer.from(`module.exports = function ${p.name.replace(/[^a-z0-9]/gi, '_')}() { return ${JSON.stringify(p.version)}; };\n`) },
    ]),
  ];
  const data: Entry[] = [
    ...Array.from({ length: 55 }, (_, i): Entry => ({ name: `srv/assets/blob-${i}.bin`, body: { random: MB } })),
    ...Array.from({ length: 250 }, (_, i): Entry => ({ name: `srv/logs/app-${i}.log`, body: { text: 100 * 1024 } })),
  ];
  const files: string[] = [];
  for (const [i, entries] of [base, app, data].entries()) {
    const file = `${dir}/layer-${i}.tar.gz`;
    await writeLayer(file, entries, rand);
    files.push(file);
  }
  return files;
}

/**
 * `count` OSV records as one zip (an entry per record, as the OSV bucket's all.zip): 40% Debian:12 over 4,000
 * source packages, 60% npm over 20,000 packages; the installed packages are among them, so about 5% of the records
 * name an installed package and some of those affect the installed version. Ranges, aliases, CVSS vectors,
 * details and references make the records about the size of real ones.
 */
export async function writeOsvZip(file: string, plan: ImagePlan, rand: () => number, count = 100_000): Promise<void> {
  const debianNames = [...plan.debianSources.map((s) => s.name), ...Array.from({ length: 3800 }, (_, i) => `debsrc-${i}`)];
  const npmNames = [...plan.npm.map((p) => p.name), ...Array.from({ length: 19_000 }, (_, i) => `other-npm-${i}`)];
  const installed = new Map([...plan.debianSources.map((s) => [`Debian:12/${s.name}`, s.version] as const), ...plan.npm.map((p) => [`npm/${p.name}`, p.version] as const)]);
  const zip = createZipWriter(file);
  for (let i = 0; i < count; i++) {
    const debian = i % 5 < 2;
    const ecosystem = debian ? 'Debian:12' : 'npm';
    const name = debian ? debianNames[Math.floor(rand() * debianNames.length)]! : npmNames[Math.floor(rand() * npmNames.length)]!;
    const current = installed.get(`${ecosystem}/${name}`) ?? (debian ? '2.4.1-3' : '3.2.1');
    const cve = `CVE-20${10 + Math.floor(rand() * 15)}-${10000 + i}`;
    const id = debian ? `DEBIAN-${cve}` : `GHSA-bench-${i.toString(36).padStart(4, '0')}-${Math.floor(rand() * 1e6).toString(36)}`;
    const record = {
      schema_version: '1.6.0',
      id,
      modified: new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 700) * 86_400_000).toISOString(),
      published: new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1400) * 86_400_000).toISOString(),
      aliases: debian ? [] : [cve],
      upstream: debian ? [cve] : undefined,
      summary: `${name}: synthetic ${rand() < 0.5 ? 'buffer overflow' : 'denial of service'} in the benchmark data`,
      details: textChunk(300 + Math.floor(rand() * 700), rand).toString().replace(/\n/g, ' '),
      severity: rand() < 0.7 ? [{ type: 'CVSS_V3', score: `CVSS:3.1/AV:N/AC:${rand() < 0.5 ? 'L' : 'H'}/PR:N/UI:N/S:U/C:H/I:${rand() < 0.5 ? 'H' : 'N'}/A:H` }] : undefined,
      affected: [
        {
          package: { ecosystem, name, purl: debian ? `pkg:deb/debian/${name}?arch=source` : `pkg:npm/${encodeURIComponent(name)}` },
          ranges: [{ type: debian ? 'ECOSYSTEM' : 'SEMVER', events: events(debian, current, rand) }],
          ...(debian ? {} : { database_specific: { source: 'https://github.com/advisories' } }),
        },
      ],
      references: [
        { type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/${cve}` },
        { type: 'WEB', url: `https://example.org/advisories/${id}` },
      ],
      database_specific: debian ? { urgency: 'not yet assigned' } : { severity: rand() < 0.5 ? 'HIGH' : 'MODERATE', cwe_ids: ['CWE-400'] },
    };
    await zip.add(`${id}.json`, JSON.stringify(record));
  }
  await zip.close();
}

/** A fix above the installed version (affected), below it (fixed already), or none yet. */
function events(debian: boolean, current: string, rand: () => number): Array<Record<string, string>> {
  const r = rand();
  if (r < 0.15) return [{ introduced: '0' }];
  if (debian) {
    const [upstream, revision = '1'] = current.split('-');
    const fixed = r < 0.55 ? `${upstream}-${revision.split('+')[0]}+deb12u${7 + Math.floor(rand() * 3)}` : `${upstream!.replace(/^\d+/, (m) => String(Math.max(0, Number(m) - 1)))}-1`;
    return [{ introduced: '0' }, { fixed }];
  }
  const [major = 0, minor = 0, patch = 0] = current.split('.').map(Number);
  const fixed = r < 0.55 ? `${major}.${minor}.${patch + 1 + Math.floor(rand() * 3)}` : `${Math.max(0, major - 1)}.${minor}.${patch}`;
  return [{ introduced: r < 0.35 ? `${Math.max(0, major - 1)}.0.0` : '0' }, { fixed }];
}
