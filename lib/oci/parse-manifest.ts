import { isDigest } from './digest';
import { IMAGE_MANIFEST_TYPES, INDEX_TYPES, MT } from './media-types';
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '@/lib/text/unsafe-text';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  artifactType?: string;
  platform?: Platform;
}

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
  features?: string[];
}

export type ParsedManifest =
  | {
      kind: 'image';
      mediaType: string;
      config: Descriptor;
      layers: Descriptor[];
      subject?: Descriptor;
      artifactType?: string;
      annotations?: Record<string, string>;
    }
  | {
      kind: 'index';
      mediaType: string;
      manifests: Descriptor[];
      subject?: Descriptor;
      artifactType?: string;
      annotations?: Record<string, string>;
    };

export class ManifestError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

const MAX_REFERENCES = 10_000;

/**
 * Parses and validates an image manifest or index. The media type comes from the body's `mediaType` field, else
 * from the request's Content-Type (umoci and other tools omit the field); when both are present they must agree.
 */
export function parseManifest(body: Uint8Array, contentType?: string): ParsedManifest {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new ManifestError('manifest is not valid JSON');
  }
  if (!isObject(doc)) throw new ManifestError('manifest must be a JSON object');
  // Annotations, artifactType and the rest are stored as text and JSON in Postgres, which refuses these.
  const unsafe = findUnsafeText(doc);
  if (unsafe !== null) throw new ManifestError(`${unsafe} ${UNSAFE_TEXT_MESSAGE}`);
  const declared = optionalString(doc, 'mediaType', 'mediaType');
  const header = normalizeContentType(contentType);
  if (declared && header && header !== declared && header !== 'application/json' && header !== 'application/octet-stream') {
    throw new ManifestError(`mediaType "${declared}" does not match Content-Type "${header}"`);
  }
  const mediaType = declared ?? (header && header !== 'application/octet-stream' && header !== 'application/json' ? header : undefined) ?? sniff(doc);
  if (mediaType === MT.dockerSchema1 || mediaType === MT.dockerSchema1Signed || doc.schemaVersion === 1) {
    throw new ManifestError('Docker schema 1 manifests are not supported; push with a current client', true);
  }
  if (doc.schemaVersion !== 2) throw new ManifestError('schemaVersion must be 2');
  const subject = doc.subject === undefined ? undefined : descriptor(doc.subject, 'subject');
  const artifactType = optionalString(doc, 'artifactType', 'artifactType');
  const annotations = stringMap(doc.annotations, 'annotations');

  if (IMAGE_MANIFEST_TYPES.has(mediaType)) {
    if (doc.config === undefined) throw new ManifestError('config is required');
    const config = descriptor(doc.config, 'config');
    if (!Array.isArray(doc.layers)) throw new ManifestError('layers must be an array');
    if (doc.layers.length > MAX_REFERENCES) throw new ManifestError(`more than ${MAX_REFERENCES} layers`);
    const layers = doc.layers.map((l, i) => descriptor(l, `layers[${i}]`));
    if (mediaType === MT.dockerManifest && (subject || artifactType)) {
      throw new ManifestError('Docker manifests cannot carry subject or artifactType');
    }
    // OCI image-spec: artifactType is required when config is the empty descriptor.
    if (config.mediaType === MT.ociEmpty && !artifactType) {
      throw new ManifestError('artifactType is required when config.mediaType is ' + MT.ociEmpty);
    }
    return { kind: 'image', mediaType, config, layers, subject, artifactType, annotations };
  }
  if (INDEX_TYPES.has(mediaType)) {
    if (!Array.isArray(doc.manifests)) throw new ManifestError('manifests must be an array');
    if (doc.manifests.length > MAX_REFERENCES) throw new ManifestError(`more than ${MAX_REFERENCES} manifests`);
    const manifests = doc.manifests.map((m, i) => {
      const d = descriptor(m, `manifests[${i}]`);
      if (isObject(m) && m.platform !== undefined) d.platform = platform(m.platform, `manifests[${i}].platform`);
      return d;
    });
    return { kind: 'index', mediaType, manifests, subject, artifactType, annotations };
  }
  throw new ManifestError(`unsupported manifest media type "${mediaType}"`);
}

function sniff(doc: Record<string, unknown>): string {
  if (Array.isArray(doc.manifests)) return MT.ociIndex;
  if (doc.config !== undefined) return MT.ociManifest;
  throw new ManifestError('manifest has no mediaType and its type cannot be determined');
}

function normalizeContentType(ct?: string): string | undefined {
  const v = ct?.split(';')[0]?.trim().toLowerCase();
  return v || undefined;
}

function descriptor(v: unknown, at: string): Descriptor {
  if (!isObject(v)) throw new ManifestError(`${at} must be a descriptor object`);
  const mediaType = v.mediaType;
  if (typeof mediaType !== 'string' || !mediaType) throw new ManifestError(`${at}.mediaType is required`);
  if (typeof v.digest !== 'string' || !isDigest(v.digest)) throw new ManifestError(`${at}.digest is not a valid digest`);
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
    throw new ManifestError(`${at}.size must be a non-negative integer`);
  }
  const d: Descriptor = { mediaType, digest: v.digest, size: v.size };
  if (v.urls !== undefined) {
    if (!Array.isArray(v.urls) || v.urls.some((u) => typeof u !== 'string')) throw new ManifestError(`${at}.urls must be strings`);
    d.urls = v.urls as string[];
  }
  const annotations = stringMap(v.annotations, `${at}.annotations`);
  if (annotations) d.annotations = annotations;
  const artifactType = optionalString(v, 'artifactType', `${at}.artifactType`);
  if (artifactType) d.artifactType = artifactType;
  return d;
}

function platform(v: unknown, at: string): Platform {
  if (!isObject(v) || typeof v.architecture !== 'string' || typeof v.os !== 'string') {
    throw new ManifestError(`${at} needs architecture and os`);
  }
  const p: Platform = { architecture: v.architecture, os: v.os };
  if (typeof v.variant === 'string') p.variant = v.variant;
  if (typeof v['os.version'] === 'string') p['os.version'] = v['os.version'];
  return p;
}

function stringMap(v: unknown, at: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new ManifestError(`${at} must map strings to strings`);
  }
  return v as Record<string, string>;
}

function optionalString(o: Record<string, unknown>, key: string, at: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ManifestError(`${at} must be a string`);
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
