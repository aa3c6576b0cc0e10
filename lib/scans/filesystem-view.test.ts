import { describe, expect, it } from 'vitest';
import type { FileFindings } from './file-analyzer';
import { createFilesystemView, type ViewEntry } from './filesystem-view';

const file = (path: string): ViewEntry => ({ path, type: 'file' });
const dir = (path: string): ViewEntry => ({ path, type: 'directory' });
const findings = (name: string): FileFindings => ({ packages: [{ kind: 'npm', name, version: '1.0.0' }] });

function applyLayers(layers: ViewEntry[][]) {
  const view = createFilesystemView();
  layers.forEach((entries, index) => {
    for (const entry of entries) {
      if (view.applyEntry(entry, index) === 'stored') view.setFindings(entry.path, findings(entry.path));
    }
  });
  return view;
}

/** A view whose first layer held one file, analyzed with `found`. */
function viewWithAnalyzedFile(path: string, found: FileFindings) {
  const view = createFilesystemView();
  view.applyEntry(file(path), 0);
  view.setFindings(path, found);
  return view;
}

describe('createFilesystemView', () => {
  it('keeps the layer that last wrote each file', () => {
    const view = applyLayers([[file('etc/a'), file('etc/b')], [file('etc/b')]]);
    expect(view.get('etc/a')?.layerIndex).toBe(0);
    expect(view.get('etc/b')?.layerIndex).toBe(1);
    expect(view.filesWithFindings().map((f) => [f.path, f.layerIndex])).toEqual([
      ['etc/a', 0],
      ['etc/b', 1],
    ]);
  });

  it('deletes a lower-layer file or directory tree on a whiteout', () => {
    const view = applyLayers([
      [file('app/node_modules/lodash/package.json'), file('app/node_modules/lodash/lodash.js'), file('app/keep')],
      [file('app/node_modules/.wh.lodash'), file('.wh.tmp')],
    ]);
    expect(view.get('app/node_modules/lodash')).toBeUndefined();
    expect(view.get('app/node_modules/lodash/package.json')).toBeUndefined();
    expect(view.get('app/keep')?.layerIndex).toBe(0);
    expect(view.get('app/node_modules/.wh.lodash')).toBeUndefined();
  });

  it('lets a whiteout hide lower layers only, never files of its own layer (OCI image spec)', () => {
    const view = applyLayers([[file('etc/conf')], [file('etc/conf'), file('etc/.wh.conf')]]);
    expect(view.get('etc/conf')?.layerIndex).toBe(1);
  });

  it('wipes lower-layer contents of an opaque directory but keeps what its own layer adds', () => {
    const view = applyLayers([
      [file('site/requests/METADATA'), file('site/urllib3/METADATA'), file('other/x')],
      [file('site/urllib3/METADATA'), file('site/.wh..wh..opq'), file('site/new/METADATA')],
    ]);
    expect(view.get('site/requests/METADATA')).toBeUndefined();
    expect(view.get('site/urllib3/METADATA')?.layerIndex).toBe(1);
    expect(view.get('site/new/METADATA')?.layerIndex).toBe(1);
    expect(view.get('other/x')?.layerIndex).toBe(0);
  });

  it('re-creating a whited-out directory in a later layer starts empty', () => {
    const view = applyLayers([[file('d/old')], [file('.wh.d')], [dir('d'), file('d/new')]]);
    expect(view.get('d/old')).toBeUndefined();
    expect(view.get('d/new')?.layerIndex).toBe(2);
  });

  it('a file replacing a directory drops the directory contents', () => {
    const view = applyLayers([[file('opt/tool/bin')], [file('opt/tool')]]);
    expect(view.get('opt/tool')?.type).toBe('file');
    expect(view.get('opt/tool/bin')).toBeUndefined();
  });

  it('clears findings when a later layer overwrites an analyzed file with something else', () => {
    const view = viewWithAnalyzedFile('var/lib/dpkg/status', findings('x'));
    view.applyEntry({ path: 'var/lib/dpkg/status', type: 'symlink', linkname: '/dev/null' }, 1);
    expect(view.filesWithFindings()).toEqual([]);
  });

  it('resolves relative and absolute symlinks, including directory links', () => {
    const view = createFilesystemView();
    view.applyEntry(file('usr/lib/os-release'), 0);
    view.applyEntry({ path: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' }, 0);
    view.applyEntry({ path: 'lib', type: 'symlink', linkname: '/usr/lib' }, 0);
    view.applyEntry({ path: 'loop', type: 'symlink', linkname: 'loop' }, 0);
    expect(view.resolve('etc/os-release')).toBe('usr/lib/os-release');
    expect(view.resolve('lib/os-release')).toBe('usr/lib/os-release');
    expect(view.resolve('loop')).toBeUndefined();
    expect(view.resolve('etc/missing')).toBeUndefined();
  });

  it('gives a hard link the findings of its target', () => {
    const view = viewWithAnalyzedFile('app/a.jar', findings('a'));
    view.applyEntry({ path: 'app/b.jar', type: 'hardlink', linkname: 'app/a.jar' }, 0);
    expect(view.get('app/b.jar')?.findings).toEqual(findings('a'));
  });

  it('refuses images beyond the node limit', () => {
    const view = createFilesystemView({ maxNodes: 3 });
    expect(() => ['a', 'b', 'c', 'd'].forEach((p) => view.applyEntry(file(p), 0))).toThrow(/more than 3/);
  });
});
