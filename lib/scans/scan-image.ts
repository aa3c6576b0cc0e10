import type { Readable } from 'node:stream';
import { analyzeEntry } from './analyze-entry';
import { collectInventory } from './collect-inventory';
import { createSecretScanner, DEFAULT_SECRET_LIMITS, type SecretScannerLimits } from './create-secret-scanner';
import type { FileFindings } from './file-analyzer';
import { createFilesystemView, type FilesystemView } from './filesystem-view';
import { readLayer } from './layer-reader';
import { matchInventory } from './match-inventory';
import type { VulnIndex } from './osv/vuln-index';
import { SCAN_ANALYZERS } from './scan-analyzers';
import { ScanError, toLayerScanError } from './scan-error';
import type { ReportedPackage, ReportedSecret, ScanReport } from './scan-report';

export interface ScanLayer {
  digest: string;
  mediaType: string;
  open: () => Promise<Readable>;
}

export interface ScanImageOptions {
  /** In manifest order, base layer first. */
  layers: readonly ScanLayer[];
  index: VulnIndex;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  secretLimits?: SecretScannerLimits;
}

const MAX_WARNINGS = 200;

/**
 * Scans an image from its layer blobs: applies the layers in order as streams, inventories the
 * packages of the final filesystem, matches them against the advisory index and reports secrets.
 * Rejects with a ScanError (never crashes) when a layer cannot be read or is corrupt.
 */
export async function scanImage(options: ScanImageOptions): Promise<ScanReport> {
  const started = Date.now();
  const view = createFilesystemView();
  const secrets = createSecretScanner(options.secretLimits ?? DEFAULT_SECRET_LIMITS);
  let entries = 0;
  let bytesAnalyzed = 0;

  for (const [layerIndex, layer] of options.layers.entries()) {
    if (options.signal?.aborted) throw new ScanError('ABORTED', 'scan aborted', { layerIndex, layerDigest: layer.digest });
    let source: Readable;
    try {
      source = await layer.open();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new ScanError('LAYER_UNREADABLE', `layer ${layerIndex} (${layer.digest}): ${reason}`, {
        layerIndex,
        layerDigest: layer.digest,
        cause: err,
      });
    }
    try {
      for await (const entry of readLayer(source, layer.mediaType)) {
        entries += 1;
        if (options.signal?.aborted) throw new ScanError('ABORTED', 'scan aborted');
        // Read before applying: a rewritten package database must know what the old one held.
        const previous = entry.type === 'file' ? view.get(entry.path)?.findings : undefined;
        if (view.applyEntry(entry, layerIndex) !== 'stored') continue;
        const result = await analyzeEntry(entry, layerIndex, SCAN_ANALYZERS, secrets);
        bytesAnalyzed += result.bytesRead;
        if (result.findings) view.setFindings(entry.path, carryLayers(previous, result.findings, layerIndex));
      }
    } catch (err) {
      throw toLayerScanError(err, layerIndex, layer.digest);
    } finally {
      source.destroy();
    }
    options.onProgress?.(layerIndex + 1, options.layers.length);
  }

  const inventory = collectInventory(view);
  const { vulnerabilities, ecosystemsWithoutData } = await matchInventory(inventory.packages, options.index);
  const packages: ReportedPackage[] = inventory.packages.map((p) => ({
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    ...(p.sourceName && p.sourceName !== p.name ? { sourceName: p.sourceName } : {}),
    layerIndex: p.layerIndex,
    path: `/${p.path}`,
  }));
  const warnings = [...new Set(inventory.warnings)].slice(0, MAX_WARNINGS);
  if (secrets.stats.truncated) warnings.push('secrets: scan budget reached; later files were not scanned for secrets');

  return {
    ...(inventory.os
      ? {
          os: {
            id: inventory.os.id,
            ...(inventory.os.versionId ? { versionId: inventory.os.versionId } : {}),
            ...(inventory.os.prettyName ? { prettyName: inventory.os.prettyName } : {}),
          },
        }
      : {}),
    packages,
    vulnerabilities,
    secrets: secrets.findings.map((s) => toReportedSecret(s, view)),
    ecosystemsWithoutData,
    warnings,
    stats: {
      layers: options.layers.length,
      entries,
      bytesAnalyzed,
      secretFilesScanned: secrets.stats.filesScanned,
      secretBytesScanned: secrets.stats.bytesScanned,
      secretScanTruncated: secrets.stats.truncated,
      durationMs: Date.now() - started,
    },
  };
}

/**
 * When a layer rewrites a package database (apt in a later RUN), packages that were already
 * there keep the layer that first installed them, so the report blames the right layer.
 */
function carryLayers(before: FileFindings | undefined, findings: FileFindings, layerIndex: number): FileFindings {
  const previous = new Map<string, number>();
  for (const pkg of before?.packages ?? []) {
    previous.set(`${pkg.kind}\u0000${pkg.name}\u0000${pkg.version}`, pkg.layerIndex ?? layerIndex);
  }
  return {
    ...findings,
    packages: findings.packages.map((pkg) => ({
      ...pkg,
      layerIndex: previous.get(`${pkg.kind}\u0000${pkg.name}\u0000${pkg.version}`) ?? layerIndex,
    })),
  };
}

function toReportedSecret(
  secret: { rule: string; path: string; layerIndex: number; line: number; masked: string },
  view: FilesystemView,
): ReportedSecret {
  const current = view.get(secret.path);
  return {
    rule: secret.rule,
    path: `/${secret.path}`,
    layerIndex: secret.layerIndex,
    line: secret.line,
    masked: secret.masked,
    presentInFinalImage: current?.type === 'file' && current.layerIndex === secret.layerIndex,
  };
}
