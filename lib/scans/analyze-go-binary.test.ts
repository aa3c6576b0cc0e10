import { describe, expect, it } from 'vitest';
import { goBinaryAnalyzer, goToolchainVersion } from './analyze-go-binary';
import { decodeGoBuildInfo } from './parse-go-buildinfo';
import { buildGoBinary } from './test-support/build-go-binary';
import { runAnalyzer } from './test-support/run-analyzer';

const MODINFO = [
  'path\texample.com/server',
  'mod\texample.com/server\t(devel)\t',
  'dep\tgolang.org/x/net\tv0.17.0\th1:pVaXccu2ozPjCXewfr1S7xza/zcXTity9cCdXQYSjIM=',
  'dep\tgolang.org/x/text\tv0.13.0\th1:ablQoSUd0tRdKxZewP80B+BaqeKJuVhuRxj/dkrun3k=',
  '=>\tgolang.org/x/text\tv0.14.0\th1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=',
  'dep\texample.com/local\tv1.0.0\t',
  '=>\t../local\t\t',
  'build\t-compiler=gc',
  'build\tCGO_ENABLED=0',
  '',
].join('\n');

describe('Go build info', () => {
  it('decodes the Go 1.18+ inline format, applying replacements', () => {
    const binary = buildGoBinary({ goVersion: 'go1.21.3', modinfo: MODINFO });
    const at = binary.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    const result = decodeGoBuildInfo(binary.subarray(at));
    expect(result).toEqual({
      status: 'ok',
      info: {
        goVersion: 'go1.21.3',
        main: { path: 'example.com/server', version: '(devel)' },
        deps: [
          { path: 'golang.org/x/net', version: 'v0.17.0' },
          { path: 'golang.org/x/text', version: 'v0.14.0' },
        ],
      },
    });
    expect(decodeGoBuildInfo(binary.subarray(at, at + 40))).toEqual({ status: 'need-more' });
  });

  it('streams through a binary in small chunks, across the blob boundary', async () => {
    const binary = buildGoBinary({ goVersion: 'go1.21.3', modinfo: MODINFO, padBefore: 100_003, padAfter: 50_000 });
    for (const chunkSize of [7, 1000, 65_536]) {
      const found = await runAnalyzer(goBinaryAnalyzer, 'usr/local/bin/server', binary, chunkSize);
      expect(found?.packages).toEqual([
        { kind: 'go', name: 'stdlib', version: '1.21.3' },
        { kind: 'go', name: 'golang.org/x/net', version: 'v0.17.0' },
        { kind: 'go', name: 'golang.org/x/text', version: 'v0.14.0' },
      ]);
    }
  });

  it('skips a false magic (unaligned or not followed by build info) and keeps looking', async () => {
    const decoy = Buffer.concat([Buffer.from('\xff Go buildinf:', 'latin1'), Buffer.from([8, 2]), Buffer.alloc(16), Buffer.from([5]), Buffer.from('hello')]);
    const real = buildGoBinary({ goVersion: 'go1.22.0', modinfo: 'path\tx\nmod\tx\tv1.2.3\t\n', padBefore: 4096 });
    const binary = Buffer.concat([real.subarray(0, 1024), decoy, Buffer.alloc(16 - ((1024 + decoy.length) % 16)), real.subarray(1024)]);
    const found = await runAnalyzer(goBinaryAnalyzer, 'bin/x', binary, 333);
    expect(found?.packages).toEqual([
      { kind: 'go', name: 'stdlib', version: '1.22.0' },
      { kind: 'go', name: 'x', version: 'v1.2.3' },
    ]);
  });

  it('stops after the first chunk of a non-ELF file', () => {
    const sink = goBinaryAnalyzer.open({ path: 'data.bin', size: 5000, mode: 0 });
    expect(sink.write(Buffer.from('#!/bin/sh\necho hi\n'))).toBe(false);
  });

  it('warns about the pre-1.18 pointer format it cannot read from a stream', async () => {
    const binary = buildGoBinary({ goVersion: 'go1.16', modinfo: '' });
    const at = binary.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
    binary[at + 15] = 0; // pointer format
    const found = await runAnalyzer(goBinaryAnalyzer, 'bin/old', binary);
    expect(found?.warnings?.[0]).toMatch(/Go < 1.18/);
  });

  it('maps toolchain versions to the stdlib module version', () => {
    expect(goToolchainVersion('go1.21.5')).toBe('1.21.5');
    expect(goToolchainVersion('go1.21')).toBe('1.21.0');
    expect(goToolchainVersion('go1.21rc2')).toBe('1.21.0-rc.2');
    expect(goToolchainVersion('go1.22.1 X:boringcrypto')).toBe('1.22.1');
    expect(goToolchainVersion('devel go1.23-abc')).toBeUndefined();
  });
});
