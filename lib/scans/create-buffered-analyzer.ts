import type { FileAnalyzer, FileFindings, FileInfo, FileSink } from './file-analyzer';

interface BufferedAnalyzerOptions {
  name: string;
  /** Files larger than this are skipped with a warning instead of being buffered. */
  maxBytes: number;
  matches(path: string): boolean;
  parse(content: Buffer, file: FileInfo): FileFindings | undefined | Promise<FileFindings | undefined>;
}

/** An analyzer for small metadata files (package databases, manifests) that it parses whole. */
export function createBufferedAnalyzer(options: BufferedAnalyzerOptions): FileAnalyzer {
  return {
    name: options.name,
    accepts: (file) => options.matches(file.path),
    open: (file) => openBufferSink(file, options),
  };
}

function openBufferSink(file: FileInfo, options: BufferedAnalyzerOptions): FileSink<FileFindings> {
  if (file.size > options.maxBytes) return tooLargeSink(file, options);
  const chunks: Buffer[] = [];
  let length = 0;
  let overflow = false;
  return {
    write(chunk) {
      length += chunk.length;
      // The tar header announced the size, but a PAX override could lie; never trust it for memory.
      if (length > options.maxBytes) {
        overflow = true;
        chunks.length = 0;
        return false;
      }
      chunks.push(chunk);
      return true;
    },
    async finish() {
      if (overflow) return tooLargeFindings(file, options);
      try {
        return await options.parse(Buffer.concat(chunks, length), file);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        return { packages: [], warnings: [`${options.name}: could not parse /${file.path}: ${reason}`] };
      }
    },
  };
}

function tooLargeSink(file: FileInfo, options: BufferedAnalyzerOptions): FileSink<FileFindings> {
  return { write: () => false, finish: async () => tooLargeFindings(file, options) };
}

function tooLargeFindings(file: FileInfo, options: BufferedAnalyzerOptions): FileFindings {
  return {
    packages: [],
    warnings: [`${options.name}: skipped /${file.path}, larger than ${options.maxBytes} bytes`],
  };
}
