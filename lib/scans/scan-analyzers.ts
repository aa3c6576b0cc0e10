import { apkAnalyzer } from './analyze-apk';
import { dpkgAnalyzer } from './analyze-dpkg';
import { goBinaryAnalyzer } from './analyze-go-binary';
import { javaAnalyzer } from './analyze-java';
import { npmAnalyzer } from './analyze-npm';
import { osReleaseAnalyzer } from './analyze-os-release';
import { pythonAnalyzer } from './analyze-python';
import { rpmAnalyzer } from './analyze-rpm';
import type { FileAnalyzer } from './file-analyzer';

/** Every analyzer the scan runs; each decides per file from its path, size and first bytes. */
export const SCAN_ANALYZERS: readonly FileAnalyzer[] = [
  osReleaseAnalyzer,
  dpkgAnalyzer,
  apkAnalyzer,
  rpmAnalyzer,
  npmAnalyzer,
  pythonAnalyzer,
  javaAnalyzer,
  goBinaryAnalyzer,
];
