import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOsvFixtures } from './fixtures/load-osv-fixtures';
import { createMemoryVulnIndex } from './osv/create-memory-index';
import { ScanError } from './scan-error';
import { scanImage } from './scan-image';
import type { ScanReport } from './scan-report';
import { buildGoBinary } from './test-support/build-go-binary';
import { buildLayer, layerFromBuffer, type TestEntry } from './test-support/build-layer';
import { buildZip } from './test-support/build-zip';
import { FAKE, PEM_KEY } from './test-support/fake-secrets';

const index = createMemoryVulnIndex(loadOsvFixtures());
const SITE = 'usr/local/lib/python3.11/site-packages';

const dpkgEntry = (name: string, version: string, source?: string) =>
  `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\nDescription: test\n`;

function debianBase(): TestEntry[] {
  return [
    { name: 'usr/lib/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n' },
    { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
    {
      name: 'var/lib/dpkg/status',
      content: [
        dpkgEntry('base-files', '12.4+deb12u2'),
        dpkgEntry('libc6', '2.36-9+deb12u1', 'glibc'),
        dpkgEntry('libc-bin', '2.36-9+deb12u1', 'glibc'),
        dpkgEntry('openssh-client', '1:9.2p1-2+deb12u2', 'openssh'),
      ].join('\n'),
    },
    { name: 'root/.aws/credentials', content: `[default]\naws_access_key_id = ${FAKE.awsKeyId}\naws_secret_access_key = ${FAKE.awsSecret}\n` },
  ];
}

const manifest = (name: string, version: string) => JSON.stringify({ name, version, main: 'index.js' });
const metadata = (name: string, version: string) => `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\nlong description\n`;
const pom = (group: string, artifact: string, version: string) => `version=${version}\ngroupId=${group}\nartifactId=${artifact}\n`;

function appLayer(): TestEntry[] {
  const log4j = buildZip({ 'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties': pom('org.apache.logging.log4j', 'log4j-core', '2.14.1') });
  return [
    { name: 'app/node_modules/lodash/package.json', content: manifest('lodash', '4.17.20') },
    { name: 'app/node_modules/minimist/package.json', content: manifest('minimist', '1.2.5') },
    { name: 'app/node_modules/left-pad/package.json', content: manifest('left-pad', '1.3.0') },
    { name: `${SITE}/requests-2.25.1.dist-info/METADATA`, content: metadata('requests', '2.25.1') },
    { name: `${SITE}/urllib3-1.26.5.dist-info/METADATA`, content: metadata('urllib3', '1.26.5') },
    { name: 'opt/app/app.war', content: buildZip({ 'WEB-INF/lib/log4j-core-2.14.1.jar': log4j }) },
    { name: 'usr/local/bin/server', mode: 0o755, content: buildGoBinary({ goVersion: 'go1.21.3', modinfo: 'path\tsrv\nmod\tsrv\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\t\n' }) },
    { name: 'app/.env', content: `NODE_ENV=production\nDB_PASSWORD=${FAKE.dbPassword}\n` },
    { name: 'app/config.yml', content: `github:\n  token: ${FAKE.githubToken}\n` },
    { name: 'root/.ssh/id_rsa', content: PEM_KEY },
  ];
}

const summarize = (report: ScanReport) =>
  report.vulnerabilities
    .map((v) => ({ id: v.id, ecosystem: v.ecosystem, packageName: v.packageName, installed: v.installedVersion, severity: v.severity, fixed: v.fixedVersion }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('scanImage', () => {
  it('reports exactly the advisories of vulnerable OS and language packages', async () => {
    const progress: Array<[number, number]> = [];
    const report = await scanImage({
      layers: [layerFromBuffer(await buildLayer(debianBase(), 'gzip')), layerFromBuffer(await buildLayer(appLayer(), 'none'), 'none')],
      index,
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(report.os).toEqual({ id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' });
    expect(summarize(report)).toEqual([
      { id: 'DEBIAN-CVE-2024-6387', ecosystem: 'Debian:12', packageName: 'openssh', installed: '1:9.2p1-2+deb12u2', severity: 'Unknown', fixed: '1:9.2p1-2+deb12u3' },
      { id: 'DSA-5514-1', ecosystem: 'Debian:12', packageName: 'glibc', installed: '2.36-9+deb12u1', severity: 'Unknown', fixed: '2.36-9+deb12u3' },
      { id: 'GHSA-35jh-r3h4-6jhm', ecosystem: 'npm', packageName: 'lodash', installed: '4.17.20', severity: 'High', fixed: '4.17.21' },
      { id: 'GHSA-g4mx-q9vg-27p4', ecosystem: 'PyPI', packageName: 'urllib3', installed: '1.26.5', severity: 'Medium', fixed: '1.26.18' },
      { id: 'GHSA-j8r2-6x86-q33q', ecosystem: 'PyPI', packageName: 'requests', installed: '2.25.1', severity: 'Medium', fixed: '2.31.0' },
      { id: 'GHSA-jfh8-c2jp-5v3q', ecosystem: 'Maven', packageName: 'org.apache.logging.log4j:log4j-core', installed: '2.14.1', severity: 'Critical', fixed: '2.15.0' },
      { id: 'GHSA-xvch-5gv4-984h', ecosystem: 'npm', packageName: 'minimist', installed: '1.2.5', severity: 'Critical', fixed: '1.2.6' },
    ]);
    const glibc = report.vulnerabilities.find((v) => v.id === 'DSA-5514-1');
    expect(glibc).toMatchObject({
      binaryPackages: ['libc-bin', 'libc6'],
      aliases: ['CVE-2023-4911', 'DEBIAN-CVE-2023-4911'],
      layerIndex: 0,
      path: '/var/lib/dpkg/status',
      url: 'https://osv.dev/vulnerability/DSA-5514-1',
    });
    expect(report.vulnerabilities.find((v) => v.id === 'GHSA-35jh-r3h4-6jhm')).toMatchObject({
      score: 7.2,
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      layerIndex: 1,
      path: '/app/node_modules/lodash/package.json',
    });
    expect(report.vulnerabilities.find((v) => v.id === 'GHSA-jfh8-c2jp-5v3q')?.score).toBe(10);

    expect(report.packages.find((p) => p.name === 'libc6')).toEqual({
      ecosystem: 'Debian:12', name: 'libc6', version: '2.36-9+deb12u1', sourceName: 'glibc', layerIndex: 0, path: '/var/lib/dpkg/status',
    });
    expect(report.packages.filter((p) => p.ecosystem === 'Go').map((p) => `${p.name}@${p.version}`)).toEqual(['golang.org/x/net@v0.17.0', 'stdlib@1.21.3']);
    // Go packages were found but the index has no Go advisories: the report must not call them clean.
    expect(report.ecosystemsWithoutData).toEqual(['Go']);
    expect(progress).toEqual([[1, 2], [2, 2]]);
    expect(report.stats).toMatchObject({ layers: 2, secretScanTruncated: false });
  });

  it('finds secrets with their layer, masked, and never writes the secret itself', async () => {
    const report = await scanImage({
      layers: [layerFromBuffer(await buildLayer(debianBase())), layerFromBuffer(await buildLayer(appLayer()))],
      index,
    });
    expect(report.secrets.map((s) => [s.rule, s.path, s.layerIndex, s.line, s.masked]).sort()).toEqual(
      [
        ['aws-access-key-id', '/root/.aws/credentials', 0, 2, 'AKIA****'],
        ['aws-secret-access-key', '/root/.aws/credentials', 0, 3, 'wJal****'],
        ['env-secret', '/app/.env', 1, 2, 'hunt****'],
        ['github-token', '/app/config.yml', 1, 2, 'ghp_****'],
        ['private-key', '/root/.ssh/id_rsa', 1, 1, 'MIIE****'],
      ].sort(),
    );
    const json = JSON.stringify(report);
    for (const value of Object.values(FAKE)) expect(json).not.toContain(value);
    expect(json).not.toContain(FAKE.awsSecret.slice(0, 12));
  });

  it('honours whiteouts and opaque directories across layers', async () => {
    const cleanup: TestEntry[] = [
      { name: 'app/node_modules/.wh.minimist' },
      { name: 'root/.aws/.wh.credentials' },
      { name: `${SITE}/.wh..wh..opq` },
      { name: `${SITE}/urllib3-1.26.5.dist-info/METADATA`, content: metadata('urllib3', '1.26.5') },
      {
        name: 'var/lib/dpkg/status',
        content: [dpkgEntry('base-files', '12.4+deb12u2'), dpkgEntry('libc6', '2.36-9+deb12u1', 'glibc'), dpkgEntry('curl', '7.88.1-10+deb12u5')].join('\n'),
      },
    ];
    const report = await scanImage({
      layers: [
        layerFromBuffer(await buildLayer(debianBase())),
        layerFromBuffer(await buildLayer(appLayer())),
        layerFromBuffer(await buildLayer(cleanup)),
      ],
      index,
    });
    const names = report.packages.map((p) => p.name);
    expect(names).not.toContain('minimist');
    expect(names).not.toContain('requests');
    expect(names).not.toContain('openssh-client');
    expect(report.vulnerabilities.map((v) => v.id).sort()).toEqual(['DSA-5514-1', 'GHSA-35jh-r3h4-6jhm', 'GHSA-g4mx-q9vg-27p4', 'GHSA-jfh8-c2jp-5v3q']);
    expect(report.packages.find((p) => p.name === 'urllib3')?.layerIndex).toBe(2);
    // apt rewrote the status file in layer 2; packages it already had keep the layer that installed them.
    expect(report.packages.filter((p) => p.ecosystem === 'Debian:12').map((p) => [p.name, p.layerIndex])).toEqual([
      ['base-files', 0],
      ['curl', 2],
      ['libc6', 0],
    ]);
    // A deleted file still ships in its layer: the secret is reported, marked as gone from the final image.
    const aws = report.secrets.find((s) => s.rule === 'aws-access-key-id');
    expect(aws).toMatchObject({ layerIndex: 0, presentInFinalImage: false });
    expect(report.secrets.find((s) => s.rule === 'github-token')?.presentInFinalImage).toBe(true);
  });

  it('maps Alpine packages to their origin and reads a zstd layer', async () => {
    const zst = readFileSync(path.join(import.meta.dirname, 'fixtures/layers/alpine-3.18.tar.zst'));
    const report = await scanImage({ layers: [layerFromBuffer(zst, 'zstd', 100)], index });
    expect(report.os).toEqual({ id: 'alpine', versionId: '3.18.4', prettyName: 'Alpine Linux v3.18' });
    expect(report.packages.map((p) => `${p.ecosystem} ${p.name} ${p.sourceName ?? '-'}`)).toEqual([
      'Alpine:v3.18 busybox -',
      'Alpine:v3.18 libcrypto3 openssl',
      'Alpine:v3.18 libssl3 openssl',
    ]);
    expect(report.vulnerabilities).toEqual([
      {
        id: 'ALPINE-CVE-2023-5363',
        aliases: ['CVE-2023-5363'],
        summary: '',
        severity: 'Unknown',
        packageName: 'openssl',
        binaryPackages: ['libcrypto3', 'libssl3'],
        ecosystem: 'Alpine:v3.18',
        installedVersion: '3.1.3-r0',
        fixedVersion: '3.1.4-r0',
        layerIndex: 0,
        path: '/lib/apk/db/installed',
        url: 'https://osv.dev/vulnerability/ALPINE-CVE-2023-5363',
      },
    ]);
    expect(report.ecosystemsWithoutData).toEqual([]);
  });

  it('lists ecosystems the index has no data for instead of reporting them clean', async () => {
    const layer = await buildLayer([
      { name: 'etc/os-release', content: 'ID=fedora\nVERSION_ID=39\n' },
      { name: `${SITE}/requests-2.25.1.dist-info/METADATA`, content: metadata('requests', '2.25.1') },
      { name: 'var/lib/rpm/Packages', content: Buffer.alloc(1024) },
    ]);
    const report = await scanImage({ layers: [layerFromBuffer(layer)], index: createMemoryVulnIndex([]) });
    expect(report.vulnerabilities).toEqual([]);
    expect(report.ecosystemsWithoutData).toEqual(['PyPI']);
    expect(report.warnings).toEqual([expect.stringMatching(/Berkeley DB/)]);
  });

  it('rejects a corrupt layer with a ScanError naming the layer', async () => {
    const good = layerFromBuffer(await buildLayer(debianBase()));
    const broken = await buildLayer(appLayer());
    broken.fill(0x00, 100, 400);
    const bad = layerFromBuffer(broken);
    const err = await scanImage({ layers: [good, bad], index }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScanError);
    expect(err).toMatchObject({ code: 'CORRUPT_LAYER', layerIndex: 1, layerDigest: bad.digest });
    expect((err as ScanError).message).toMatch(/layer 1 .*gzip/);
  });

  it('rejects a truncated layer and a layer that cannot be opened', async () => {
    const blob = await buildLayer(appLayer());
    const truncated = await scanImage({ layers: [layerFromBuffer(blob.subarray(0, blob.length / 2))], index }).catch((e: unknown) => e);
    expect(truncated).toMatchObject({ code: 'CORRUPT_LAYER', layerIndex: 0 });
    const missing = await scanImage({
      layers: [{ digest: 'sha256:gone', mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', open: () => Promise.reject(new Error('blob not found')) }],
      index,
    }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'LAYER_UNREADABLE', layerIndex: 0, message: expect.stringMatching(/blob not found/) });
  });

  it('can be aborted between entries', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await scanImage({ layers: [layerFromBuffer(await buildLayer(debianBase()))], index, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ABORTED' });
  });
});
