import type { SecretScanner } from './create-secret-scanner';
import type { FileAnalyzer, FileFindings, FileInfo, FileSink } from './file-analyzer';
import type { LayerEntry } from './layer-reader';
import { pumpEntryBody } from './pump-entry-body';

/**
 * Runs every interested analyzer and the secret scanner over one file in a single read of its
 * body, and merges what the analyzers found.
 */
export async function analyzeEntry(
  entry: LayerEntry,
  layerIndex: number,
  analyzers: readonly FileAnalyzer[],
  secrets: SecretScanner,
): Promise<{ findings?: FileFindings; bytesRead: number }> {
  const file: FileInfo = { path: entry.path, size: entry.size, mode: entry.mode };
  const sinks: Array<FileSink<FileFindings>> = analyzers.filter((a) => a.accepts(file)).map((a) => a.open(file));
  const secretSink = secrets.accepts(file) ? secrets.open(file, layerIndex) : undefined;
  const all: Array<FileSink<unknown>> = secretSink ? [...sinks, secretSink] : sinks;
  if (all.length === 0) return { bytesRead: 0 };

  const bytesRead = await pumpEntryBody(entry.body, all);
  await secretSink?.finish();
  const results = await Promise.all(sinks.map((sink) => sink.finish()));
  const found = results.filter((r): r is FileFindings => r !== undefined);
  if (found.length === 0) return { bytesRead };
  return {
    bytesRead,
    findings: {
      packages: found.flatMap((f) => f.packages),
      os: found.find((f) => f.os)?.os,
      warnings: found.flatMap((f) => f.warnings ?? []),
    },
  };
}
