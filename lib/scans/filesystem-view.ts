import type { FileFindings } from './file-analyzer';
import type { LayerEntryType } from './layer-reader';
import { ScanError } from './scan-error';

type NodeType = 'file' | 'directory' | 'symlink' | 'other';

interface Node {
  type: NodeType;
  /** Layer that last wrote this path (a directory re-stated in a later layer counts). */
  layerIndex: number;
  linkname?: string;
  children?: Map<string, Node>;
  findings?: FileFindings;
}

export interface ViewEntry {
  path: string;
  type: LayerEntryType;
  linkname?: string;
}

export interface ViewFile {
  path: string;
  type: NodeType;
  layerIndex: number;
  findings?: FileFindings;
}

/** What applying an entry did: only `stored` regular files are worth analyzing. */
export type ApplyResult = 'stored' | 'whiteout' | 'ignored';

export interface FilesystemView {
  applyEntry(entry: ViewEntry, layerIndex: number): ApplyResult;
  /** Attaches analyzer findings to a path written in the current layer. */
  setFindings(path: string, findings: FileFindings): void;
  get(path: string): ViewFile | undefined;
  /** Follows symlinks (bounded); returns the final path if it exists. */
  resolve(path: string): string | undefined;
  /** Every path that exists in the final image and carries findings. */
  filesWithFindings(): ViewFile[];
  readonly nodeCount: number;
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
const MAX_SYMLINK_HOPS = 40;

/**
 * The merged filesystem of an image, built layer by layer as the layers stream past. It keeps
 * paths, types and the layer that wrote each one, plus small analyzer findings, never contents.
 * Whiteouts follow the OCI image spec: they hide lower layers only, never the same layer.
 */
export function createFilesystemView(options: { maxNodes?: number } = {}): FilesystemView {
  const maxNodes = options.maxNodes ?? 5_000_000;
  const root: Node = { type: 'directory', layerIndex: -1, children: new Map() };
  let created = 0;

  const newNode = (node: Node): Node => {
    created += 1;
    if (created > maxNodes) {
      throw new ScanError('LIMIT_EXCEEDED', `image has more than ${maxNodes} filesystem entries`);
    }
    return node;
  };

  const lookup = (path: string): Node | undefined => {
    let node: Node | undefined = root;
    for (const part of path.split('/')) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  };

  /** Parent directories, created implicitly when a layer lists a file without its directory. */
  const ensureDirectory = (parts: string[], layerIndex: number): Node => {
    let node = root;
    for (const part of parts) {
      const children = node.children ?? (node.children = new Map());
      let child = children.get(part);
      if (!child || child.type !== 'directory') {
        // A file or symlink in the way is shadowed by the directory, as overlayfs would do.
        child = newNode({ type: 'directory', layerIndex, children: new Map() });
        children.set(part, child);
      }
      node = child;
    }
    return node;
  };

  const applyWhiteout = (parentParts: string[], base: string, layerIndex: number): ApplyResult => {
    if (base === OPAQUE_MARKER) {
      const dir = ensureDirectory(parentParts, layerIndex);
      dir.layerIndex = layerIndex;
      pruneChildren(dir, layerIndex);
      return 'whiteout';
    }
    // Other `.wh..wh.` names are AUFS bookkeeping (hard-link dirs), not deletions.
    if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return 'ignored';
    const parent = parentParts.length === 0 ? root : lookup(parentParts.join('/'));
    const name = base.slice(WHITEOUT_PREFIX.length);
    const target = parent?.children?.get(name);
    if (parent?.children && target && !pruneLower(target, layerIndex)) parent.children.delete(name);
    return 'whiteout';
  };

  return {
    applyEntry(entry, layerIndex) {
      const parts = entry.path.split('/');
      const base = parts[parts.length - 1];
      const parentParts = parts.slice(0, -1);
      if (base.startsWith(WHITEOUT_PREFIX)) return applyWhiteout(parentParts, base, layerIndex);
      const parent = ensureDirectory(parentParts, layerIndex);
      const children = parent.children ?? (parent.children = new Map());
      const existing = children.get(base);
      if (entry.type === 'directory') {
        if (existing?.type === 'directory') existing.layerIndex = layerIndex;
        else children.set(base, newNode({ type: 'directory', layerIndex, children: new Map() }));
        return 'ignored';
      }
      if (entry.type === 'hardlink') {
        const target = entry.linkname ? lookup(entry.linkname) : undefined;
        const type = target?.type === 'file' ? 'file' : 'other';
        children.set(base, newNode({ type, layerIndex, findings: target?.findings }));
        return 'ignored';
      }
      const type: NodeType = entry.type === 'file' || entry.type === 'symlink' ? entry.type : 'other';
      children.set(base, newNode({ type, layerIndex, linkname: entry.linkname }));
      return type === 'file' ? 'stored' : 'ignored';
    },

    setFindings(path, findings) {
      const node = lookup(path);
      if (node && node.type === 'file') node.findings = findings;
    },

    get(path) {
      const node = lookup(path);
      return node ? { path, type: node.type, layerIndex: node.layerIndex, findings: node.findings } : undefined;
    },

    resolve(path) {
      return resolveSymlinks(root, path);
    },

    filesWithFindings() {
      const out: ViewFile[] = [];
      const walk = (node: Node, prefix: string) => {
        for (const [name, child] of node.children ?? []) {
          const path = prefix ? `${prefix}/${name}` : name;
          if (child.findings) out.push({ path, type: child.type, layerIndex: child.layerIndex, findings: child.findings });
          if (child.children) walk(child, path);
        }
      };
      walk(root, '');
      return out;
    },

    get nodeCount() {
      return created;
    },
  };
}

/**
 * Removes what lower layers put under `node`, keeping anything written in `layerIndex` itself.
 * Returns whether `node` must stay because it or a descendant belongs to this layer.
 */
function pruneLower(node: Node, layerIndex: number): boolean {
  const keepForChildren = pruneChildren(node, layerIndex);
  return node.layerIndex === layerIndex || keepForChildren;
}

function pruneChildren(node: Node, layerIndex: number): boolean {
  let kept = false;
  for (const [name, child] of node.children ?? []) {
    if (pruneLower(child, layerIndex)) kept = true;
    else node.children?.delete(name);
  }
  return kept;
}

function resolveSymlinks(root: Node, path: string): string | undefined {
  let pending = path.split('/').filter(Boolean);
  let resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const parent = resolved.reduce<Node | undefined>((node, name) => node?.children?.get(name), root);
    const node = parent?.children?.get(part);
    if (!node) return undefined;
    if (node.type !== 'symlink' || node.linkname === undefined) {
      resolved.push(part);
      continue;
    }
    hops += 1;
    if (hops > MAX_SYMLINK_HOPS) return undefined;
    const target = node.linkname.split('/').filter(Boolean);
    if (node.linkname.startsWith('/')) resolved = [];
    pending = [...target, ...pending];
  }
  return resolved.join('/');
}
