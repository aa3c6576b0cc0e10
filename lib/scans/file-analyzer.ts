/** The contract between the layer walk and the analyzers that look inside files. */

export interface FileInfo {
  /** Normalized path inside the image, without a leading slash. */
  path: string;
  size: number;
  mode: number;
}

export type PackageKind = 'dpkg' | 'apk' | 'rpm' | 'npm' | 'pypi' | 'maven' | 'go';

export interface FoundPackage {
  kind: PackageKind;
  name: string;
  version: string;
  sourceName?: string;
  sourceVersion?: string;
  /** Layer that first installed this exact name and version; set by the scan, not the analyzer. */
  layerIndex?: number;
}

export interface OsRelease {
  id: string;
  versionId?: string;
  version?: string;
  prettyName?: string;
  versionCodename?: string;
}

/** What an analyzer learned from one file; small, so the filesystem view can keep it per path. */
export interface FileFindings {
  packages: FoundPackage[];
  os?: OsRelease;
  warnings?: string[];
}

/**
 * Receives a file body chunk by chunk, so no analyzer needs the whole file in memory unless it
 * chooses to buffer a bounded amount.
 */
export interface FileSink<T> {
  /** Returns false once the sink needs no more data. */
  write(chunk: Buffer): boolean;
  /** Called once, after the last chunk or after the sink declined more data. */
  finish(): Promise<T | undefined>;
}

export interface FileAnalyzer {
  readonly name: string;
  /** Cheap test on path, size and mode; called for every regular file in every layer. */
  accepts(file: FileInfo): boolean;
  open(file: FileInfo): FileSink<FileFindings>;
}
