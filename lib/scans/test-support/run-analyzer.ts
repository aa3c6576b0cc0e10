import type { FileAnalyzer, FileFindings } from '../file-analyzer';

/** Feeds a file to an analyzer the way the scan does, in chunks, honouring "no more data". */
export async function runAnalyzer(
  analyzer: FileAnalyzer,
  path: string,
  content: string | Buffer,
  chunkSize = 65_536,
): Promise<FileFindings | undefined> {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  const file = { path, size: data.length, mode: 0o644 };
  if (!analyzer.accepts(file)) return undefined;
  const sink = analyzer.open(file);
  for (let i = 0; i < data.length; i += chunkSize) {
    if (!sink.write(data.subarray(i, i + chunkSize))) break;
  }
  return sink.finish();
}
