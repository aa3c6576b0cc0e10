import initSqlJs from 'sql.js';
import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FileFindings, FileSink, FoundPackage } from './file-analyzer';
import { parseRpmHeader, sourceNameFromRpm } from './parse-rpm-header';

// rpm >= 4.16 defaults to SQLite; Fedora 36+ and openSUSE keep it under /usr/lib/sysimage.
const SQLITE_PATHS = ['var/lib/rpm/rpmdb.sqlite', 'usr/lib/sysimage/rpm/rpmdb.sqlite'];
// Berkeley DB (RHEL/CentOS <= 8, Amazon Linux 2) and NDB (SUSE) databases are not read.
const UNSUPPORTED = ['var/lib/rpm/Packages', 'var/lib/rpm/Packages.db', 'usr/lib/sysimage/rpm/Packages.db'];

const sqliteAnalyzer = createBufferedAnalyzer({
  name: 'rpm',
  maxBytes: 128 * 1024 * 1024,
  matches: (path) => SQLITE_PATHS.includes(path),
  parse: async (content) => ({ packages: await readRpmSqlite(content) }),
});

/** RPM packages (RHEL family, Fedora, SUSE, Mageia) from the SQLite rpmdb. */
export const rpmAnalyzer: FileAnalyzer = {
  name: 'rpm',
  accepts: (file) => sqliteAnalyzer.accepts(file) || UNSUPPORTED.includes(file.path),
  open: (file) => (UNSUPPORTED.includes(file.path) ? unsupportedSink(file.path) : sqliteAnalyzer.open(file)),
};

function unsupportedSink(path: string): FileSink<FileFindings> {
  return {
    write: () => false,
    finish: async () => ({
      packages: [],
      warnings: [`rpm: /${path} is a Berkeley DB or NDB rpm database, which this scanner does not read`],
    }),
  };
}

let sqlJs: ReturnType<typeof initSqlJs> | undefined;

export async function readRpmSqlite(file: Buffer): Promise<FoundPackage[]> {
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  const bytes = new Uint8Array(file);
  // rpm opens its database in WAL mode; header bytes 18-19 = 2 make SQLite look for a -wal file and
  // shared memory, which the in-memory wasm build cannot provide. Marking it legacy (1) is safe
  // for reading a checkpointed copy.
  if (bytes.length > 19 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = new SQL.Database(bytes);
  try {
    const packages: FoundPackage[] = [];
    const statement = db.prepare('SELECT blob FROM Packages');
    try {
      while (statement.step()) {
        const [blob] = statement.get();
        if (!(blob instanceof Uint8Array)) continue;
        const header = parseRpmHeader(blob);
        // gpg-pubkey entries are imported signing keys, not software.
        if (!header || header.name === 'gpg-pubkey') continue;
        const epoch = header.epoch ? `${header.epoch}:` : '';
        const sourceName = header.sourceRpm ? sourceNameFromRpm(header.sourceRpm) : undefined;
        packages.push({ kind: 'rpm', name: header.name, version: `${epoch}${header.version}-${header.release}`, sourceName });
      }
    } finally {
      statement.free();
    }
    return packages;
  } finally {
    db.close();
  }
}
