import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { shareUrl } from '../../router/routes';
import type { InviteSecret } from '../../storage/AccessStore';
import { type QrCorrection, qrMatrix } from './qrMatrix';

/** Paints the modules (with the 4-module quiet zone) as RGBA pixels and reads them back. */
function decode(matrix: boolean[][], scale: number): string | undefined {
  const size = (matrix.length + 8) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + 4) * scale + dy) * size + (x + 4) * scale + dx) * 4;
          pixels.fill(0, offset, offset + 3);
        }
      }
    });
  });
  return jsQR(pixels, size, size)?.data;
}

// The longest invite links: a long origin, and ids and secrets at their full length.
const invite = {
  id: 'Xy7_kP2mQ9rT4vW8zB1c',
  secret: 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v',
} as unknown as InviteSecret;
const LONG_LINK = shareUrl(
  'https://ensemble.association-des-habitants-de-la-croix-rousse.example.org',
  'Qm4pZ8sL2xV6nB0cR7tY3w' as never,
  'Zz9_yY8-xX7wW6vV5uU4tT3sS2rR1qQ0pP9oO8nN7mM' as never,
  invite,
);

describe('qrMatrix', () => {
  it('encodes a long invite link so that a reader gets it back whole, at M and L', () => {
    expect(LONG_LINK.length).toBeGreaterThan(190);
    for (const correction of ['M', 'L'] satisfies QrCorrection[]) {
      const matrix = qrMatrix(LONG_LINK, correction);
      expect(decode(matrix, 4)).toBe(LONG_LINK);
    }
  });

  it('keeps a long invite link at M small enough for a phone screen (>= 5 px a module at 20rem)', () => {
    const modules = qrMatrix(LONG_LINK, 'M').length + 8;
    // 20rem = 320 CSS px: version 11 (61 modules + quiet zone) is the most that leaves
    // each module 4.7 px or more; invite links stay well under it.
    expect(modules).toBeLessThanOrEqual(69);
    expect(320 / modules).toBeGreaterThanOrEqual(4.6);
  });

  it('encodes non-ASCII text as UTF-8 bytes', () => {
    const text = 'Café des indépendants · ünïcödé';
    expect(decode(qrMatrix(text, 'M'), 3)).toBe(text);
  });
});
