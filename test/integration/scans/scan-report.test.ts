// What a scan reports, end to end: images built by umoci with real package databases (dpkg, apk, npm, Python) pushed
// with skopeo, the real OSV fixture records imported into the database, the scan job run by the worker and the report
// read back over REST. Expected advisories come from reading the fixture records (lib/scans/fixtures/osv): each is
// listed with the record's own id, package, fixed version and level.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanDto } from '@/lib/schemas/scans';
import { randomName } from '../../support/database';
import { buildImage, buildMultiArch } from '../../support/images';
import {
  ALPINE_318_OS_RELEASE, apkInstalled, DEBIAN_12_OS_RELEASE, dpkgStatus, FAKE_AWS_KEY_ID, FAKE_AWS_SECRET, findings, importFixtures,
  listTags, npmPackage, pushLayout, pythonMetadata, scanAndWait, scratchDir, SITE, useScanHarness,
} from './support';

const h = useScanHarness();
beforeAll(async () => {
  await importFixtures(h.reg);
});

describe('a Debian image with npm and Python packages', () => {
  let repo: string;
  let scan: ScanDto;
  beforeAll(async () => {
    repo = `${randomName('ns')}/${randomName('app')}`;
    const image = await buildImage({
      dir: await scratchDir(h, 'debian'),
      tag: 'v1',
      layers: [
        {
          files: {
            'etc/os-release': DEBIAN_12_OS_RELEASE,
            // glibc 2.36-9+deb12u1 < 2.36-9+deb12u3 (DSA-5514-1); openssh 1:9.2p1-2+deb12u2 < …u3 (DEBIAN-CVE-2024-6387).
            'var/lib/dpkg/status': dpkgStatus([
              ['base-files', '12.4+deb12u2'],
              ['libc6', '2.36-9+deb12u1', 'glibc'],
              ['libc-bin', '2.36-9+deb12u1', 'glibc'],
              ['openssh-client', '1:9.2p1-2+deb12u2', 'openssh'],
            ]),
          },
        },
        {
          files: {
            'app/node_modules/lodash/package.json': npmPackage('lodash', '4.17.20'), // < 4.17.21: GHSA-35jh-r3h4-6jhm
            'app/node_modules/minimist/package.json': npmPackage('minimist', '1.2.5'), // < 1.2.6: GHSA-xvch-5gv4-984h, deleted below
            'app/node_modules/left-pad/package.json': npmPackage('left-pad', '1.3.0'), // no advisory
            [`${SITE}/requests-2.25.1.dist-info/METADATA`]: pythonMetadata('requests', '2.25.1'), // [2.3.0, 2.31.0): GHSA-j8r2-6x86-q33q
            [`${SITE}/urllib3-1.26.5.dist-info/METADATA`]: pythonMetadata('urllib3', '1.26.5'), // < 1.26.18: GHSA-g4mx-q9vg-27p4
            'root/.aws/credentials': `[default]\naws_access_key_id = ${FAKE_AWS_KEY_ID}\naws_secret_access_key = ${FAKE_AWS_SECRET}\n`,
          },
        },
        { whiteouts: ['app/node_modules/minimist'] },
      ],
    });
    await pushLayout(h.reg, image.ref, repo, 'v1');
    scan = await scanAndWait(h.reg, repo, 'v1');
    expect(scan.manifestDigest).toBe(image.digest);
  });

  it('lists exactly the advisories of its vulnerable packages, with level and fixed version', () => {
    expect(scan).toMatchObject({ status: 'succeeded', trigger: 'manual', requestedBy: 'admin', tag: 'v1', repository: repo, error: null });
    expect(scan.platforms).toHaveLength(1);
    expect(scan.platforms![0]!.platform).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(scan.platforms![0]!.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(findings(scan)).toEqual([
      { id: 'DEBIAN-CVE-2024-6387', ecosystem: 'Debian:12', packageName: 'openssh', installed: '1:9.2p1-2+deb12u2', severity: 'Unknown', fixed: '1:9.2p1-2+deb12u3' },
      { id: 'DSA-5514-1', ecosystem: 'Debian:12', packageName: 'glibc', installed: '2.36-9+deb12u1', severity: 'Unknown', fixed: '2.36-9+deb12u3' },
      { id: 'GHSA-35jh-r3h4-6jhm', ecosystem: 'npm', packageName: 'lodash', installed: '4.17.20', severity: 'High', fixed: '4.17.21' },
      { id: 'GHSA-g4mx-q9vg-27p4', ecosystem: 'PyPI', packageName: 'urllib3', installed: '1.26.5', severity: 'Medium', fixed: '1.26.18' },
      { id: 'GHSA-j8r2-6x86-q33q', ecosystem: 'PyPI', packageName: 'requests', installed: '2.25.1', severity: 'Medium', fixed: '2.31.0' },
    ]);
    expect(scan.counts).toEqual({ critical: 0, high: 1, medium: 2, low: 0, unknown: 2 });
    const glibc = scan.platforms![0]!.vulnerabilities.find((v) => v.id === 'DSA-5514-1');
    expect(glibc).toMatchObject({ binaryPackages: ['libc-bin', 'libc6'], layerIndex: 0, path: '/var/lib/dpkg/status' });
    expect(scan.platforms![0]!.vulnerabilities.find((v) => v.id === 'GHSA-35jh-r3h4-6jhm')).toMatchObject({ layerIndex: 1, path: '/app/node_modules/lodash/package.json' });
    expect(scan.platforms![0]!.ecosystemsWithoutData).toEqual([]);
  });

  it('does not report a package a later layer deleted (whiteout)', () => {
    const names = scan.platforms![0]!.packages.map((p) => p.name);
    expect(names).toContain('lodash');
    expect(names).toContain('left-pad');
    expect(names).not.toContain('minimist');
    expect(findings(scan).map((f) => f.id)).not.toContain('GHSA-xvch-5gv4-984h');
  });

  it('finds the secret with its path and layer, masked, and never stores the value', async () => {
    expect(scan.secrets).toBe(2);
    expect(scan.platforms![0]!.secrets.map((s) => [s.rule, s.path, s.layerIndex, s.line, s.masked, s.presentInFinalImage]).sort()).toEqual([
      ['aws-access-key-id', '/root/.aws/credentials', 1, 2, 'AKIA****', true],
      ['aws-secret-access-key', '/root/.aws/credentials', 1, 3, 'wJal****', true],
    ]);
    const stored = JSON.stringify(await h.reg.app.db.scan.findUniqueOrThrow({ where: { id: scan.id }, select: { report: true } }));
    expect(stored).not.toContain(FAKE_AWS_KEY_ID);
    expect(stored).not.toContain(FAKE_AWS_SECRET.slice(0, 12));
  });

  it('records progress over every layer, the data it used and when it ran', async () => {
    const image = scan.platforms![0]!;
    expect(image.layers).toHaveLength(3);
    expect(image.manifestDigest).toBe(scan.manifestDigest);
    expect(scan.progress).toEqual({ layersDone: 3, layersTotal: 3 });
    const newestImport = await h.reg.app.db.vulnRecord.aggregate({ _max: { updatedAt: true } });
    expect(scan.dataUpdatedAt).toBe(newestImport._max.updatedAt!.toISOString());
    expect(Date.parse(scan.startedAt!)).toBeGreaterThanOrEqual(Date.parse(scan.createdAt));
    expect(Date.parse(scan.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(scan.startedAt!));
  });

  it('shows the newest scan on each tag of the tags list; a tag never scanned has scan: null', async () => {
    const other = await buildImage({ dir: await scratchDir(h, 'plain'), tag: 'plain', layers: [{ files: { 'etc/motd': `hi ${randomName()}\n` } }] });
    await pushLayout(h.reg, other.ref, repo, 'plain');
    const res = await listTags(h.reg, h.reg.admin, repo);
    expect(res.status).toBe(200);
    const byName = new Map((res.body.items as Array<{ name: string; scan?: unknown }>).map((t) => [t.name, t]));
    expect(byName.get('v1')!.scan).toEqual({ id: scan.id, status: 'succeeded', progress: { layersDone: 3, layersTotal: 3 }, counts: { critical: 0, high: 1, medium: 2, low: 0, unknown: 2 }, secrets: 2, finishedAt: scan.finishedAt });
    expect(byName.get('plain')).toHaveProperty('scan', null);
  });
});

describe('ecosystems without data', () => {
  it('lists an ecosystem with packages but no advisories as not checked, rather than clean', async () => {
    const repo = `${randomName('ns')}/${randomName('ubuntu')}`;
    const image = await buildImage({
      dir: await scratchDir(h, 'ubuntu'),
      tag: 'jammy',
      layers: [
        {
          files: {
            'etc/os-release': 'NAME="Ubuntu"\nVERSION="22.04.3 LTS (Jammy Jellyfish)"\nID=ubuntu\nVERSION_ID="22.04"\nPRETTY_NAME="Ubuntu 22.04.3 LTS"\n',
            'var/lib/dpkg/status': dpkgStatus([['libc6', '2.35-0ubuntu3.4', 'glibc'], ['bash', '5.1-6ubuntu1']]),
            'app/node_modules/lodash/package.json': npmPackage('lodash', '4.17.21'),
          },
        },
      ],
    });
    await pushLayout(h.reg, image.ref, repo, 'jammy');
    const scan = await scanAndWait(h.reg, repo, 'jammy');
    expect(scan.status).toBe('succeeded');
    expect(scan.platforms![0]!.packages.map((p) => `${p.ecosystem} ${p.name}`).sort()).toEqual(['Ubuntu:22.04:LTS bash', 'Ubuntu:22.04:LTS libc6', 'npm lodash']);
    expect(scan.platforms![0]!.ecosystemsWithoutData).toEqual(['Ubuntu:22.04:LTS']);
    expect(findings(scan)).toEqual([]);
    expect(scan.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 0, unknown: 0 });
  });
});

describe('a two-platform index', () => {
  it('scans and reports both platforms; the counts cover both', async () => {
    const repo = `${randomName('ns')}/${randomName('multi')}`;
    const index = await buildMultiArch({
      dir: await scratchDir(h, 'multi'),
      tag: 'v2',
      layers: (arch) =>
        arch === 'amd64'
          ? [{ files: { 'etc/os-release': DEBIAN_12_OS_RELEASE, 'var/lib/dpkg/status': dpkgStatus([['libc6', '2.36-9+deb12u1', 'glibc']]) } }]
          : [
              {
                files: {
                  'etc/os-release': ALPINE_318_OS_RELEASE,
                  // openssl 3.1.3-r0 < 3.1.4-r0 (ALPINE-CVE-2023-5363), installed as libcrypto3 and libssl3.
                  'lib/apk/db/installed': apkInstalled([['busybox', '1.36.1-r2', 'busybox'], ['libcrypto3', '3.1.3-r0', 'openssl'], ['libssl3', '3.1.3-r0', 'openssl']]),
                },
              },
            ],
    });
    await pushLayout(h.reg, index.ref, repo, 'v2', { all: true });
    const scan = await scanAndWait(h.reg, repo, 'v2');
    expect(scan.status, scan.error ?? '').toBe('succeeded');
    expect(scan.manifestDigest).toBe(index.digest);
    expect(scan.platforms!.map((p) => [p.platform, p.manifestDigest])).toEqual([
      [{ os: 'linux', architecture: 'amd64' }, index.children[0]!.digest],
      [{ os: 'linux', architecture: 'arm64' }, index.children[1]!.digest],
    ]);
    expect(findings(scan, 0)).toEqual([
      { id: 'DSA-5514-1', ecosystem: 'Debian:12', packageName: 'glibc', installed: '2.36-9+deb12u1', severity: 'Unknown', fixed: '2.36-9+deb12u3' },
    ]);
    expect(findings(scan, 1)).toEqual([
      { id: 'ALPINE-CVE-2023-5363', ecosystem: 'Alpine:v3.18', packageName: 'openssl', installed: '3.1.3-r0', severity: 'Unknown', fixed: '3.1.4-r0' },
    ]);
    expect(scan.platforms![1]!.vulnerabilities[0]!.binaryPackages).toEqual(['libcrypto3', 'libssl3']);
    expect(scan.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 0, unknown: 2 });
    expect(scan.progress).toEqual({ layersDone: 2, layersTotal: 2 });
  });
});
