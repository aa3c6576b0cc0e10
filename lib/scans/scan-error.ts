/** Why a scan could not produce a report. Callers branch on `code`, never on the message. */
export type ScanErrorCode =
  | 'LAYER_UNREADABLE' // opening or reading the blob failed (storage, network)
  | 'CORRUPT_LAYER' // bad compression, truncated or malformed tar
  | 'UNSUPPORTED_LAYER' // a media type that is not a filesystem layer
  | 'LIMIT_EXCEEDED' // the image is larger than the engine agrees to track
  | 'ABORTED';

export class ScanError extends Error {
  readonly code: ScanErrorCode;
  readonly layerIndex?: number;
  readonly layerDigest?: string;

  constructor(
    code: ScanErrorCode,
    message: string,
    options: { layerIndex?: number; layerDigest?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ScanError';
    this.code = code;
    this.layerIndex = options.layerIndex;
    this.layerDigest = options.layerDigest;
  }
}

/** Attaches the layer position to an error raised while reading that layer. */
export function toLayerScanError(err: unknown, layerIndex: number, layerDigest: string): ScanError {
  if (err instanceof ScanError) {
    if (err.layerIndex !== undefined) return err;
    return new ScanError(err.code, `layer ${layerIndex} (${layerDigest}): ${err.message}`, {
      layerIndex,
      layerDigest,
      cause: err.cause ?? err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ScanError('CORRUPT_LAYER', `layer ${layerIndex} (${layerDigest}): ${message}`, {
    layerIndex,
    layerDigest,
    cause: err,
  });
}
