import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { digest } from 'lib0/hash/sha256';
import { describe, expect, it } from 'vitest';
import { blobHashOf } from '../blobs/blobRef';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import { communityWithFounder, makeActor, TEST_DOC } from '../domain/community/testkit';
import type { CommunityId } from '../ids';
import { decodeBundle } from './decodeBundle';
import { encodeBundle } from './encodeBundle';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_HEADER_BYTES,
  BUNDLE_LIMITS,
  BUNDLE_PLAIN_FORMAT_VERSION,
} from './format';
import { prepareBundle } from './importBundle';

const COMMUNITY = TEST_DOC as string as CommunityId;
const ada = makeActor('ada');
const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
const sketch = strToU8('%PDF-1.7 sketch of the cabin');

function bundle(blobs?: { type: string; bytes: Uint8Array }[]): Uint8Array {
  return encodeBundle({
    communityId: COMMUNITY,
    appVersion: '0.1.0-test',
    createdAt: new Date('2026-12-04T10:00:00Z'),
    documents: [{ doc: communityWithFounder(ada), kind: 'community' }],
    ...(blobs ? { blobs } : {}),
  });
}

/** Inflates a bundle, lets a test change its body, and wraps it again with valid outer checksums. */
function rewrap(
  bytes: Uint8Array,
  change: (manifest: Record<string, unknown>, rest: Uint8Array) => Uint8Array,
  version?: number,
): Uint8Array {
  const body = inflateSync(bytes.subarray(BUNDLE_HEADER_BYTES));
  const length = new DataView(body.buffer, body.byteOffset).getUint32(0);
  const manifest = JSON.parse(strFromU8(body.subarray(4, 4 + length))) as Record<string, unknown>;
  const rest = change(manifest, body.slice(4 + length));
  const manifestBytes = strToU8(JSON.stringify(manifest));
  const next = new Uint8Array(4 + manifestBytes.length + rest.length);
  new DataView(next.buffer).setUint32(0, manifestBytes.length);
  next.set(manifestBytes, 4);
  next.set(rest, 4 + manifestBytes.length);
  const compressed = deflateSync(next);
  const header = bytes.slice(0, BUNDLE_HEADER_BYTES);
  const view = new DataView(header.buffer);
  if (version !== undefined) view.setUint16(8, version);
  view.setUint32(10, compressed.length);
  view.setUint32(14, next.length);
  header.set(digest(compressed), 18);
  const out = new Uint8Array(header.length + compressed.length);
  out.set(header);
  out.set(compressed, header.length);
  return out;
}

const versionOf = (bytes: Uint8Array) => new DataView(bytes.buffer).getUint16(8);

describe('file bundles with photos and files', () => {
  it('[BND10] a file without blobs is still written as version 1 and decodes with none', () => {
    const bytes = bundle();
    expect(versionOf(bytes)).toBe(BUNDLE_PLAIN_FORMAT_VERSION);
    const decoded = decodeBundle(bytes);
    expect(decoded.ok && decoded.value.blobs).toEqual([]);
    expect(decoded.ok && 'blobs' in decoded.value.manifest).toBe(false);
  });

  it('[BND10] blobs asked for travel in a version-2 file, once each, bytes and types intact', () => {
    const bytes = bundle([
      { type: 'image/jpeg', bytes: photo },
      { type: 'application/pdf', bytes: sketch },
      { type: 'image/jpeg', bytes: photo },
    ]);
    expect(versionOf(bytes)).toBe(BUNDLE_FORMAT_VERSION);
    const prepared = prepareBundle(bytes, { engines: [yjsEngine] });
    if (!prepared.ok) throw new Error(prepared.error.reason);
    expect(prepared.value.blobs.map((blob) => [blob.hash, blob.type, [...blob.bytes]])).toEqual([
      [blobHashOf(photo), 'image/jpeg', [...photo]],
      [blobHashOf(sketch), 'application/pdf', [...sketch]],
    ]);
    expect(prepared.value.manifest.blobs?.map((blob) => blob.byteLength)).toEqual([
      photo.length,
      sketch.length,
    ]);
  });

  it('[BND12] a blob whose bytes do not match its hash refuses the whole file', () => {
    const bytes = bundle([{ type: 'image/jpeg', bytes: photo }]);
    const damaged = rewrap(bytes, (_manifest, rest) => {
      const copy = rest.slice();
      copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 1; // the photo is last
      return copy;
    });
    const result = decodeBundle(damaged);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('corrupted');
    expect(result.error.reason === 'corrupted' && result.error.detail).toMatch(/blob .* hash/);
    expect(prepareBundle(damaged, { engines: [yjsEngine] }).ok).toBe(false);
  });

  it('[BND12] a blob listed but missing, or bytes past the last blob, are refused', () => {
    const bytes = bundle([{ type: 'image/jpeg', bytes: photo }]);
    const short = rewrap(bytes, (_manifest, rest) => rest.slice(0, rest.length - 1));
    expect(decodeBundle(short)).toMatchObject({ ok: false, error: { reason: 'corrupted' } });
    const long = rewrap(bytes, (_manifest, rest) => {
      const copy = new Uint8Array(rest.length + 1);
      copy.set(rest);
      return copy;
    });
    expect(decodeBundle(long)).toMatchObject({ ok: false, error: { reason: 'corrupted' } });
  });

  it('[BND10] a version-1 file that lists blobs, or a malformed blob entry, is corrupted', () => {
    const bytes = bundle([{ type: 'image/jpeg', bytes: photo }]);
    const asV1 = rewrap(
      bytes,
      (manifest, rest) => {
        manifest.formatVersion = 1;
        return rest;
      },
      1,
    );
    expect(decodeBundle(asV1)).toMatchObject({ ok: false, error: { reason: 'corrupted' } });
    for (const bad of [{ hash: 'abc' }, { type: '' }, { byteLength: -1 }]) {
      const broken = rewrap(bytes, (manifest, rest) => {
        const [entry] = manifest.blobs as Record<string, unknown>[];
        manifest.blobs = [{ ...entry, ...bad }];
        return rest;
      });
      expect(decodeBundle(broken)).toMatchObject({ ok: false, error: { reason: 'corrupted' } });
    }
  });

  it('[BND11] more blobs than the limit is too large, before any blob is read', () => {
    const bytes = bundle([
      { type: 'image/jpeg', bytes: photo },
      { type: 'application/pdf', bytes: sketch },
    ]);
    const result = decodeBundle(bytes, { ...BUNDLE_LIMITS, maxBlobs: 1 });
    expect(result).toMatchObject({ ok: false, error: { reason: 'too-large' } });
    expect(decodeBundle(bytes).ok).toBe(true);
  });
});
