/** The report a scan produces. Everything in it is safe to store and show: secrets appear only masked. */

export type SeverityLevel = 'Critical' | 'High' | 'Medium' | 'Low' | 'Unknown';

export interface OsInfo {
  id: string;
  versionId?: string;
  prettyName?: string;
}

export interface ReportedPackage {
  /** OSV ecosystem name, with the release for OS packages (`Debian:12`, `Alpine:v3.19`). */
  ecosystem: string;
  name: string;
  version: string;
  /** Source package (dpkg `Source:`, apk origin, RPM source rpm) when it differs from `name`. */
  sourceName?: string;
  layerIndex: number;
  path: string;
}

export interface ReportedVulnerability {
  id: string;
  aliases: string[];
  summary: string;
  severity: SeverityLevel;
  /** CVSS base score the severity was derived from, when the record carried a vector. */
  score?: number;
  /** The package name the advisory is about (the source package for Debian/Ubuntu/Alpine). */
  packageName: string;
  /** Installed binary packages built from `packageName`, when they are named differently. */
  binaryPackages?: string[];
  ecosystem: string;
  installedVersion: string;
  fixedVersion?: string;
  layerIndex: number;
  path: string;
  url: string;
}

export interface ReportedSecret {
  rule: string;
  path: string;
  layerIndex: number;
  line?: number;
  /** First four characters, then `****`. The full value is never stored. */
  masked: string;
  /** False when a later layer deleted or replaced the file; the secret still ships in the older layer. */
  presentInFinalImage: boolean;
}

export interface ScanStats {
  layers: number;
  entries: number;
  /** Uncompressed bytes of file bodies that analyzers read. */
  bytesAnalyzed: number;
  secretFilesScanned: number;
  secretBytesScanned: number;
  secretScanTruncated: boolean;
  durationMs: number;
}

export interface ScanReport {
  os?: OsInfo;
  packages: ReportedPackage[];
  vulnerabilities: ReportedVulnerability[];
  secrets: ReportedSecret[];
  /** Ecosystems that had packages but no vulnerability data: "not scanned", not "clean". */
  ecosystemsWithoutData: string[];
  /** Things the engine saw but could not analyze (unsupported formats, size limits). */
  warnings: string[];
  stats: ScanStats;
}
