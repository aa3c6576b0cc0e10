import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { apkAnalyzer, parseApkInstalled } from './analyze-apk';
import { dpkgAnalyzer, parseDpkgStatus } from './analyze-dpkg';
import { osReleaseAnalyzer, parseOsRelease } from './analyze-os-release';
import { rpmAnalyzer } from './analyze-rpm';
import { mapEcosystem } from './map-ecosystem';
import { parseRpmHeader, RPMTAG, sourceNameFromRpm } from './parse-rpm-header';
import { runAnalyzer } from './test-support/run-analyzer';

const DPKG_STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u1
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.

Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2+b1

Package: removed-pkg
Status: deinstall ok config-files
Version: 1.0-1

Package: base-files
Status: install ok installed
Version: 12.4+deb12u2
`;

describe('dpkg', () => {
  it('lists installed packages with their source package and source version', () => {
    expect(parseDpkgStatus(DPKG_STATUS)).toEqual([
      { kind: 'dpkg', name: 'libc6', version: '2.36-9+deb12u1', sourceName: 'glibc', sourceVersion: '2.36-9+deb12u1' },
      { kind: 'dpkg', name: 'libssl3', version: '3.0.11-1~deb12u2+b1', sourceName: 'openssl', sourceVersion: '3.0.11-1~deb12u2' },
      { kind: 'dpkg', name: 'base-files', version: '12.4+deb12u2', sourceName: 'base-files', sourceVersion: '12.4+deb12u2' },
    ]);
  });

  it('reads distroless status.d files, which have no Status field, and skips md5sums', async () => {
    const found = await runAnalyzer(dpkgAnalyzer, 'var/lib/dpkg/status.d/libssl3', 'Package: libssl3\nVersion: 3.0.11-1~deb12u2\nSource: openssl\n');
    expect(found?.packages.map((p) => [p.name, p.sourceName])).toEqual([['libssl3', 'openssl']]);
    expect(dpkgAnalyzer.accepts({ path: 'var/lib/dpkg/status.d/libssl3.md5sums', size: 10, mode: 0 })).toBe(false);
    expect(dpkgAnalyzer.accepts({ path: 'var/lib/dpkg/status-old', size: 10, mode: 0 })).toBe(false);
  });
});

describe('apk', () => {
  it('reads name, version and origin', async () => {
    const db = 'C:Q1abc=\nP:libssl3\nV:3.1.3-r0\nA:x86_64\no:openssl\n\nC:Q1def=\nP:musl\nV:1.2.4-r2\no:musl\n';
    expect(parseApkInstalled(db)).toEqual([
      { kind: 'apk', name: 'libssl3', version: '3.1.3-r0', sourceName: 'openssl', sourceVersion: '3.1.3-r0' },
      { kind: 'apk', name: 'musl', version: '1.2.4-r2', sourceName: 'musl', sourceVersion: '1.2.4-r2' },
    ]);
    expect((await runAnalyzer(apkAnalyzer, 'lib/apk/db/installed', db, 7))?.packages).toHaveLength(2);
  });
});

describe('os-release and ecosystems', () => {
  it('parses quoted values', async () => {
    const text = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';
    expect((await runAnalyzer(osReleaseAnalyzer, 'usr/lib/os-release', text))?.os).toEqual({
      id: 'debian',
      versionId: '12',
      version: '12 (bookworm)',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      versionCodename: undefined,
    });
  });

  it('maps releases to OSV ecosystem names', () => {
    const os = (text: string) => parseOsRelease(text);
    expect(mapEcosystem('dpkg', os('ID=debian\nVERSION_ID="12"'))).toBe('Debian:12');
    expect(mapEcosystem('dpkg', os('ID=ubuntu\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"'))).toBe('Ubuntu:22.04:LTS');
    expect(mapEcosystem('dpkg', os('ID=ubuntu\nVERSION_ID="23.10"\nVERSION="23.10 (Mantic Minotaur)"'))).toBe('Ubuntu:23.10');
    expect(mapEcosystem('apk', os('ID=alpine\nVERSION_ID=3.19.1'))).toBe('Alpine:v3.19');
    expect(mapEcosystem('rpm', os('ID="rocky"\nVERSION_ID="9.3"'))).toBe('Rocky Linux:9');
    expect(mapEcosystem('rpm', os('ID=fedora\nVERSION_ID=39'))).toBe('rpm:fedora:39');
    expect(mapEcosystem('dpkg', undefined)).toBe('dpkg:unknown-os');
    expect(mapEcosystem('pypi', undefined)).toBe('PyPI');
  });
});

/** Encodes an RPM header blob (headerExport layout) with string and int32 tags. */
function rpmHeaderBlob(tags: Array<[number, string | number]>): Uint8Array {
  // A leading region tag (HEADERIMMUTABLE, BIN) as rpm writes it, which the parser must skip.
  const entries: Array<{ tag: number; type: number; data: Buffer }> = [{ tag: 63, type: 7, data: Buffer.alloc(16) }];
  for (const [tag, value] of tags) {
    if (typeof value === 'number') {
      const b = Buffer.alloc(4);
      b.writeInt32BE(value);
      entries.push({ tag, type: 4, data: b });
    } else {
      entries.push({ tag, type: tag === 1004 ? 9 : 6, data: Buffer.from(`${value}\0`) });
    }
  }
  const index = Buffer.alloc(entries.length * 16);
  const store: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    // INT32 data must be 4-byte aligned in the store.
    if (e.type === 4 && offset % 4 !== 0) {
      const pad = 4 - (offset % 4);
      store.push(Buffer.alloc(pad));
      offset += pad;
    }
    index.writeInt32BE(e.tag, i * 16);
    index.writeUInt32BE(e.type, i * 16 + 4);
    index.writeInt32BE(offset, i * 16 + 8);
    index.writeUInt32BE(1, i * 16 + 12);
    store.push(e.data);
    offset += e.data.length;
  });
  const head = Buffer.alloc(8);
  head.writeUInt32BE(entries.length, 0);
  head.writeUInt32BE(offset, 4);
  return new Uint8Array(Buffer.concat([head, index, ...store]));
}

describe('rpm', () => {
  const openssl = rpmHeaderBlob([
    [RPMTAG.NAME, 'openssl-libs'],
    [RPMTAG.VERSION, '3.0.7'],
    [RPMTAG.RELEASE, '16.el9_2'],
    [RPMTAG.EPOCH, 1],
    [RPMTAG.ARCH, 'x86_64'],
    [RPMTAG.SOURCERPM, 'openssl-3.0.7-16.el9_2.src.rpm'],
  ]);

  it('parses the header blob tags it needs', () => {
    expect(parseRpmHeader(openssl)).toEqual({
      name: 'openssl-libs',
      version: '3.0.7',
      release: '16.el9_2',
      epoch: 1,
      arch: 'x86_64',
      sourceRpm: 'openssl-3.0.7-16.el9_2.src.rpm',
    });
    expect(parseRpmHeader(openssl.subarray(0, 40))).toBeUndefined();
    expect(sourceNameFromRpm('python3-urllib3-1.26.5-3.el9.src.rpm')).toBe('python3-urllib3');
  });

  it('reads packages from an rpmdb.sqlite', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)');
    db.run('INSERT INTO Packages (blob) VALUES (?)', [openssl]);
    db.run('INSERT INTO Packages (blob) VALUES (?)', [
      rpmHeaderBlob([
        [RPMTAG.NAME, 'bash'],
        [RPMTAG.VERSION, '5.1.8'],
        [RPMTAG.RELEASE, '6.el9_1'],
        [RPMTAG.SOURCERPM, 'bash-5.1.8-6.el9_1.src.rpm'],
      ]),
    ]);
    db.run('INSERT INTO Packages (blob) VALUES (?)', [
      rpmHeaderBlob([
        [RPMTAG.NAME, 'gpg-pubkey'],
        [RPMTAG.VERSION, 'fd431d51'],
        [RPMTAG.RELEASE, '4ae0493b'],
      ]),
    ]);
    const file = Buffer.from(db.export());
    db.close();
    const found = await runAnalyzer(rpmAnalyzer, 'usr/lib/sysimage/rpm/rpmdb.sqlite', file);
    expect(found?.packages).toEqual([
      { kind: 'rpm', name: 'openssl-libs', version: '1:3.0.7-16.el9_2', sourceName: 'openssl' },
      { kind: 'rpm', name: 'bash', version: '5.1.8-6.el9_1', sourceName: 'bash' },
    ]);
  });

  it('warns about Berkeley DB databases instead of guessing', async () => {
    const found = await runAnalyzer(rpmAnalyzer, 'var/lib/rpm/Packages', Buffer.alloc(4096));
    expect(found?.packages).toEqual([]);
    expect(found?.warnings?.[0]).toMatch(/Berkeley DB/);
  });

  it('reports an unreadable database as a warning, not a crash', async () => {
    const found = await runAnalyzer(rpmAnalyzer, 'var/lib/rpm/rpmdb.sqlite', Buffer.from('not a database at all, just text'));
    expect(found?.packages).toEqual([]);
    expect(found?.warnings?.[0]).toMatch(/could not parse/);
  });
});
