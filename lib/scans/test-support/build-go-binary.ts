/**
 * A fake ELF file carrying Go build info the way the Go 1.18+ linker lays it out, since no Go
 * toolchain is available to build a real binary in tests.
 */
export function buildGoBinary(options: { goVersion: string; modinfo: string; padBefore?: number; padAfter?: number }): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8; // pointer size
  header[15] = 0x2; // little endian, strings inlined (Go 1.18+)
  // cmd/go frames modinfo with 16-byte sentinels; the parser only checks the newline before the end one.
  const start = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
  const end = Buffer.from('f932433186182072008242104116d8f2', 'hex');
  const modinfo = Buffer.concat([start, Buffer.from(options.modinfo), end]);
  const blob = Buffer.concat([header, uvarint(options.goVersion.length), Buffer.from(options.goVersion), uvarint(modinfo.length), modinfo]);
  const elf = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(elf);
  const before = Buffer.alloc(align16(options.padBefore ?? 4096) - elf.length, 0x90);
  return Buffer.concat([elf, before, blob, Buffer.alloc(options.padAfter ?? 4096, 0xcc)]);
}

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
