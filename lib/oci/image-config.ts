// What the console and API show of an image's config blob: the platform, the run settings, the labels and the
// build history (`docker history`). The config is JSON of the OCI image-spec (or Docker's equivalent, which has the
// same fields); anything malformed is left out rather than failing the page.

export const MAX_HISTORY_ENTRIES = 1000;
export const MAX_TEXT = 8192;
const MAX_LIST = 200;
const MAX_LABELS = 500;

export interface HistoryEntry {
  created: string | null;
  /** The build step, e.g. `RUN /bin/sh -c apk add curl # buildkit`. */
  createdBy: string | null;
  comment: string | null;
  author: string | null;
  /** True for steps that changed no files (ENV, CMD, LABEL …), which have no layer. */
  emptyLayer: boolean;
  /** Position of this step's layer in the manifest's layers, for steps that made one. */
  layerIndex: number | null;
}

export interface ImageConfigSummary {
  os: string | null;
  architecture: string | null;
  variant: string | null;
  created: string | null;
  author: string | null;
  user: string | null;
  workingDir: string | null;
  entrypoint: string[] | null;
  cmd: string[] | null;
  env: string[];
  exposedPorts: string[];
  volumes: string[];
  stopSignal: string | null;
  labels: Record<string, string>;
  history: HistoryEntry[];
  /** True when the history had more entries than are returned. */
  historyTruncated: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? (v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v) : null);
const strings = (v: unknown): string[] | null =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').slice(0, MAX_LIST).map((s) => text(s) ?? '') : null;
const keys = (v: unknown): string[] => (isRecord(v) ? Object.keys(v).slice(0, MAX_LIST) : []);

/** Summarizes a parsed image config. Returns null when the value is not an object. */
export function summarizeImageConfig(value: unknown): ImageConfigSummary | null {
  if (!isRecord(value)) return null;
  const run = isRecord(value.config) ? value.config : {};
  const labels: Record<string, string> = {};
  if (isRecord(run.Labels)) {
    for (const [k, v] of Object.entries(run.Labels).slice(0, MAX_LABELS)) if (typeof v === 'string') labels[k] = text(v) ?? '';
  }
  const rawHistory = Array.isArray(value.history) ? value.history : [];
  const history: HistoryEntry[] = [];
  let layer = 0;
  for (const h of rawHistory) {
    if (!isRecord(h)) continue;
    const emptyLayer = h.empty_layer === true;
    if (history.length < MAX_HISTORY_ENTRIES) {
      history.push({
        created: text(h.created),
        createdBy: text(h.created_by),
        comment: text(h.comment),
        author: text(h.author),
        emptyLayer,
        layerIndex: emptyLayer ? null : layer,
      });
    }
    if (!emptyLayer) layer += 1;
  }
  return {
    os: text(value.os),
    architecture: text(value.architecture),
    variant: text(value.variant),
    created: text(value.created),
    author: text(value.author),
    user: text(run.User) || null,
    workingDir: text(run.WorkingDir) || null,
    entrypoint: strings(run.Entrypoint),
    cmd: strings(run.Cmd),
    env: strings(run.Env) ?? [],
    exposedPorts: keys(run.ExposedPorts),
    volumes: keys(run.Volumes),
    stopSignal: text(run.StopSignal) || null,
    labels,
    history,
    historyTruncated: rawHistory.length > MAX_HISTORY_ENTRIES,
  };
}
