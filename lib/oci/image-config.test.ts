import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_ENTRIES, summarizeImageConfig } from './image-config';

describe('summarizeImageConfig', () => {
  it('reads platform, run settings, labels and history, numbering the layers of non-empty steps', () => {
    const summary = summarizeImageConfig({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      created: '2026-01-02T03:04:05Z',
      config: {
        User: 'app',
        WorkingDir: '/srv',
        Entrypoint: ['/entrypoint.sh'],
        Cmd: ['serve', '--port', '8080'],
        Env: ['PATH=/usr/bin', 'MODE=prod'],
        ExposedPorts: { '8080/tcp': {} },
        Labels: { 'org.opencontainers.image.version': '1.2.3', maintainer: 'team@example.com', bogus: 42 },
      },
      history: [
        { created: '2026-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
        { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
        { created_by: 'RUN /bin/sh -c apk add curl # buildkit', comment: 'buildkit.dockerfile.v0' },
        'garbage',
      ],
    });
    expect(summary).toMatchObject({
      os: 'linux',
      architecture: 'arm64',
      variant: 'v8',
      user: 'app',
      workingDir: '/srv',
      entrypoint: ['/entrypoint.sh'],
      cmd: ['serve', '--port', '8080'],
      env: ['PATH=/usr/bin', 'MODE=prod'],
      exposedPorts: ['8080/tcp'],
      labels: { 'org.opencontainers.image.version': '1.2.3', maintainer: 'team@example.com' },
      historyTruncated: false,
    });
    expect(summary?.history.map((h) => [h.emptyLayer, h.layerIndex])).toEqual([
      [false, 0],
      [true, null],
      [false, 1],
    ]);
    expect(summary?.history[2]).toMatchObject({ createdBy: 'RUN /bin/sh -c apk add curl # buildkit', comment: 'buildkit.dockerfile.v0', created: null });
  });

  it('tolerates a minimal or malformed config and bounds what it returns', () => {
    expect(summarizeImageConfig('nope')).toBeNull();
    expect(summarizeImageConfig({ config: 'x', history: 'y' })).toMatchObject({ os: null, labels: {}, history: [], env: [], entrypoint: null });
    const long = summarizeImageConfig({ history: Array.from({ length: MAX_HISTORY_ENTRIES + 5 }, () => ({ created_by: 'x'.repeat(10_000) })) });
    expect(long?.history).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(long?.historyTruncated).toBe(true);
    expect(long?.history[0].createdBy?.length).toBeLessThan(10_000);
  });
});
