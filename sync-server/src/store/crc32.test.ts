import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('is the standard CRC-32 (check value of "123456789")', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('continues over pieces: the CRC of a then b equals the CRC of a + b', () => {
    const all = new TextEncoder().encode('hello, relay');
    expect(crc32(all, 5, all.length, crc32(all, 0, 5))).toBe(crc32(all));
  });

  it('is not zero over zero bytes with a length in front (a zero-filled tail is not a record)', () => {
    const zeros = new Uint8Array(8);
    expect(crc32(zeros, 0, 4)).not.toBe(0);
  });
});
