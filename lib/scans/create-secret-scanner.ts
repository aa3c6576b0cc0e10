import type { FileInfo, FileSink } from './file-analyzer';
import { findSecrets, type SecretMatch } from './find-secrets';

export interface SecretScannerLimits {
  /** Larger files are skipped: secrets live in config files, not in data blobs. */
  maxFileBytes: number;
  /** Total text scanned per image, so a huge image cannot make the scan unbounded. */
  maxTotalBytes: number;
  maxFindings: number;
}

export const DEFAULT_SECRET_LIMITS: SecretScannerLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFindings: 1000,
};

export interface SecretFinding extends SecretMatch {
  path: string;
  layerIndex: number;
}

// Third-party and documentation trees: full of test keys and examples, and not the image owner's secrets.
const SKIPPED = [
  /(^|\/)node_modules\//,
  /(^|\/)(site|dist)-packages\//,
  /^usr\/share\/(doc|man|info|locale|i18n|zoneinfo|mime|ca-certificates)\//,
  /^etc\/ssl\/certs\//,
  /^usr\/lib\/python[0-9.]+\/test\//,
  /(^|\/)\.git\/objects\//,
];
const BINARY_SNIFF_BYTES = 8192;

export interface SecretScanner {
  accepts(file: FileInfo): boolean;
  open(file: FileInfo, layerIndex: number): FileSink<void>;
  readonly findings: SecretFinding[];
  readonly stats: { filesScanned: number; bytesScanned: number; truncated: boolean };
}

export function createSecretScanner(limits: SecretScannerLimits = DEFAULT_SECRET_LIMITS): SecretScanner {
  const findings: SecretFinding[] = [];
  const stats = { filesScanned: 0, bytesScanned: 0, truncated: false };
  return {
    findings,
    stats,
    accepts(file) {
      if (file.size === 0 || file.size > limits.maxFileBytes) return false;
      if (SKIPPED.some((pattern) => pattern.test(file.path))) return false;
      if (stats.bytesScanned + file.size > limits.maxTotalBytes || findings.length >= limits.maxFindings) {
        stats.truncated = true;
        return false;
      }
      return true;
    },
    open(file, layerIndex) {
      const chunks: Buffer[] = [];
      let length = 0;
      let binary = false;
      return {
        write(chunk) {
          // A NUL byte in the first 8 KiB marks a binary file, as git and grep decide.
          if (length < BINARY_SNIFF_BYTES && chunk.subarray(0, BINARY_SNIFF_BYTES - length).includes(0)) {
            binary = true;
            return false;
          }
          length += chunk.length;
          if (length > limits.maxFileBytes) return false;
          chunks.push(chunk);
          return true;
        },
        async finish() {
          if (binary || length > limits.maxFileBytes) return;
          stats.filesScanned += 1;
          stats.bytesScanned += length;
          const text = Buffer.concat(chunks, length).toString('utf8');
          for (const match of findSecrets(text, file.path)) {
            if (findings.length >= limits.maxFindings) {
              stats.truncated = true;
              break;
            }
            findings.push({ ...match, path: file.path, layerIndex });
          }
        },
      };
    },
  };
}
