import { describe, expect, it } from 'vitest';
import { checkBlobSize } from './blobPolicy';
import { blobHashOf, isBlobHash, parseBlobRef } from './blobRef';

const hash = blobHashOf(Uint8Array.from([97, 98, 99]));

describe('blob references', () => {
  it('[BLOB1] names a blob by the SHA-256 of its bytes, in lowercase hex', () => {
    expect(hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(isBlobHash(hash)).toBe(true);
    expect(isBlobHash(hash.toUpperCase())).toBe(false);
    expect(isBlobHash('abc')).toBe(false);
  });

  it('[BLOB2] accepts a complete reference and keeps only its fields', () => {
    const parsed = parseBlobRef({
      hash,
      size: 3,
      type: 'image/jpeg',
      name: 'photo.jpg',
      width: 40,
      height: 30,
      extra: 'dropped',
    });
    expect(parsed).toEqual({
      ok: true,
      value: { hash, size: 3, type: 'image/jpeg', name: 'photo.jpg', width: 40, height: 30 },
    });
    expect(parseBlobRef({ hash, size: 3, type: 'text/plain', name: 'a.txt' }).ok).toBe(true);
  });

  it('[BLOB2] refuses each malformed field with its reason', () => {
    const good = { hash, size: 3, type: 'image/png', name: 'a.png' };
    expect(parseBlobRef(null)).toEqual({ ok: false, error: 'bad-hash' });
    expect(parseBlobRef({ ...good, hash: 'x' })).toEqual({ ok: false, error: 'bad-hash' });
    expect(parseBlobRef({ ...good, size: -1 })).toEqual({ ok: false, error: 'bad-size' });
    expect(parseBlobRef({ ...good, type: 'png' })).toEqual({ ok: false, error: 'bad-type' });
    expect(parseBlobRef({ ...good, name: ' ' })).toEqual({ ok: false, error: 'bad-name' });
    expect(parseBlobRef({ ...good, width: 10 })).toEqual({ ok: false, error: 'bad-dimensions' });
    expect(parseBlobRef({ ...good, width: 0, height: 2 })).toEqual({
      ok: false,
      error: 'bad-dimensions',
    });
  });

  it('[BLOB4] [BLOB5] refuses a blob over the per-blob limit, then one over the quota', () => {
    const limits = { maxBlobBytes: 100, quotaBytes: 250 };
    expect(checkBlobSize(limits, 100, 150).ok).toBe(true);
    expect(checkBlobSize(limits, 101, 0)).toEqual({ ok: false, error: 'too-large' });
    expect(checkBlobSize(limits, 100, 151)).toEqual({ ok: false, error: 'quota-exceeded' });
  });
});
