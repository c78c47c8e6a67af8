import { deflateSync, strToU8 } from 'fflate';
import { digest } from 'lib0/hash/sha256';
import { describe, expect, it } from 'vitest';
import { HybridLogicalClock } from '../clock/HybridLogicalClock';
import type { CrdtDocument } from '../crdt/DocumentPort';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import { readCommunity } from '../domain/community/read';
import { communityWithFounder, fork, makeActor, TEST_DOC } from '../domain/community/testkit';
import { applyProjectChange } from '../domain/project/changes';
import { readProject } from '../domain/project/read';
import type { CommunityId, DeviceId, DocId, MemberId } from '../ids';
import { decodeBundle } from './decodeBundle';
import { encodeBundle, toHex } from './encodeBundle';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_HEADER_BYTES,
  BUNDLE_LIMITS,
  BUNDLE_MAGIC,
  BUNDLE_PLAIN_FORMAT_VERSION,
  type BundleError,
  type BundleManifest,
} from './format';
import { applyBundle, prepareBundle } from './importBundle';

const COMMUNITY = TEST_DOC as string as CommunityId;
const PROJECT = 'project-test-000000001' as DocId;
const ada = makeActor('ada');
const engines = [yjsEngine];

function event(doc: CrdtDocument, title: string): void {
  const result = ada.apply(doc, {
    type: 'addEvent',
    title,
    start: '2030-12-03T18:30:00+01:00',
    end: '2030-12-03T21:00:00+01:00',
    timeZone: 'Europe/Paris',
    place: 'Café du Rhône',
  });
  if (!result.ok) throw new Error(result.error.reason);
}

function project(communityId: CommunityId = COMMUNITY): CrdtDocument {
  const doc = yjsEngine.create(PROJECT);
  const context = {
    clock: new HybridLogicalClock('device-ada' as DeviceId, () => Date.parse('2026-11-01')),
    actor: ada.id as MemberId,
  };
  applyProjectChange(
    doc,
    { type: 'createProject', communityId, title: 'Cabane', summary: '' },
    context,
  );
  return doc;
}

function bundleOf(community: CrdtDocument, projects: CrdtDocument[] = []): Uint8Array {
  return encodeBundle({
    communityId: COMMUNITY,
    appVersion: '0.1.0-test',
    createdAt: new Date('2026-11-22T10:00:00Z'),
    documents: [
      { doc: community, kind: 'community' },
      ...projects.map((doc) => ({ doc, kind: 'project' as const })),
    ],
  });
}

/** Imports into the given replicas (fresh empty ones for documents not given). */
function importInto(bytes: Uint8Array, replicas: CrdtDocument[], expected?: CommunityId) {
  const prepared = prepareBundle(bytes, {
    engines,
    ...(expected ? { expectedCommunityId: expected } : {}),
  });
  if (!prepared.ok) return prepared;
  const local = new Map(replicas.map((doc) => [doc.id, doc]));
  for (const document of prepared.value.documents) {
    if (!local.has(document.id)) local.set(document.id, yjsEngine.create(document.id));
  }
  return applyBundle(prepared.value, local);
}

/** Builds a bundle by hand: a manifest, bodies and header fields a test wants to get wrong. */
function assemble(
  manifest: unknown,
  updates: Uint8Array[],
  options: { version?: number; declaredLength?: (real: number) => number } = {},
): Uint8Array {
  const manifestBytes = strToU8(JSON.stringify(manifest));
  const parts = [new Uint8Array(4), manifestBytes, ...updates];
  new DataView(parts[0]?.buffer as ArrayBuffer).setUint32(0, manifestBytes.length);
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  const compressed = deflateSync(body);
  const out = new Uint8Array(BUNDLE_HEADER_BYTES + compressed.length);
  out.set(BUNDLE_MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, options.version ?? BUNDLE_PLAIN_FORMAT_VERSION);
  view.setUint32(10, compressed.length);
  view.setUint32(14, options.declaredLength?.(body.length) ?? body.length);
  out.set(digest(compressed), 18);
  out.set(compressed, BUNDLE_HEADER_BYTES);
  return out;
}

function manifestFor(docs: { doc: CrdtDocument; kind: string; update?: Uint8Array }[]) {
  const community = docs[0]?.doc as CrdtDocument;
  const epochOf = (doc: CrdtDocument) => doc.map('meta').getValue('epoch') as string;
  const updates = docs.map(({ doc, update }) => update ?? doc.encodeState());
  const manifest: BundleManifest = {
    formatVersion: BUNDLE_PLAIN_FORMAT_VERSION,
    kind: 'ensemble-bundle',
    communityId: COMMUNITY,
    epoch: epochOf(community) as BundleManifest['epoch'],
    createdAt: '2026-11-22T10:00:00.000Z',
    appVersion: 'test',
    documents: docs.map(({ doc, kind }, i) => ({
      id: doc.id,
      kind: kind as 'community',
      engine: 'yjs',
      epoch: epochOf(doc) as BundleManifest['epoch'],
      byteLength: updates[i]?.length ?? 0,
      sha256: toHex(digest(updates[i] as Uint8Array)),
    })),
  };
  return { manifest, updates };
}

const reasonOf = (result: { ok: boolean; error?: BundleError }) =>
  result.ok ? 'ok' : result.error?.reason;

describe('file bundles', () => {
  it('[BND1] a community and its projects round-trip through one file with a manifest', () => {
    const community = communityWithFounder(ada);
    event(community, 'Apéro');
    const board = project();
    const bytes = bundleOf(community, [board]);
    expect([...bytes.subarray(0, 8)]).toEqual(BUNDLE_MAGIC);

    const decoded = decodeBundle(bytes);
    if (!decoded.ok) throw new Error(decoded.error.reason);
    const { manifest } = decoded.value;
    expect(manifest).toMatchObject({
      formatVersion: 1,
      kind: 'ensemble-bundle',
      communityId: COMMUNITY,
      epoch: readCommunity(community)?.epoch,
      createdAt: '2026-11-22T10:00:00.000Z',
      appVersion: '0.1.0-test',
    });
    expect(manifest.documents.map((d) => [d.id, d.kind, d.engine])).toEqual([
      [TEST_DOC, 'community', 'yjs'],
      [PROJECT, 'project', 'yjs'],
    ]);
    expect(manifest.documents[0]?.byteLength).toBe(community.encodeState().length);

    const target = yjsEngine.create(TEST_DOC);
    const targetProject = yjsEngine.create(PROJECT);
    const imported = importInto(bytes, [target, targetProject], COMMUNITY);
    if (!imported.ok) throw new Error(imported.error.reason);
    expect(imported.value.changes).toBeGreaterThan(0);
    expect(imported.value.documents.every((d) => d.changed)).toBe(true);
    expect(readCommunity(target)).toEqual(readCommunity(community));
    expect(readProject(targetProject)?.title).toBe('Cabane');
  });

  it('[BND2] a file cut at every byte boundary is refused as truncated, never thrown', () => {
    const bytes = bundleOf(communityWithFounder(ada));
    expect(bytes.length).toBeGreaterThan(BUNDLE_HEADER_BYTES);
    for (let length = 0; length < bytes.length; length++) {
      const result = importInto(bytes.slice(0, length), []);
      expect(reasonOf(result), `cut at ${length}`).toBe('truncated');
    }
    expect(reasonOf(importInto(bytes, []))).toBe('ok');
  });

  it('[BND2] a file with any single bit flipped is refused, never thrown', () => {
    const community = communityWithFounder(ada);
    const bytes = bundleOf(community);
    const reasons = new Set<string | undefined>();
    const target = fork(community);
    event(target, 'Ici seulement');
    const before = target.encodeState();
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = bytes.slice();
        copy[i] = (copy[i] as number) ^ (1 << bit);
        const result = importInto(copy, [target]);
        expect(result.ok, `byte ${i} bit ${bit}`).toBe(false);
        reasons.add(reasonOf(result));
        // Past the sizes, a flip hits the checksum or what it covers.
        if (i >= 18) expect(reasonOf(result), `byte ${i} bit ${bit}`).toBe('corrupted');
      }
    }
    expect(target.encodeState()).toEqual(before);
    expect([...reasons].sort()).toEqual(
      ['corrupted', 'newer-format', 'not-a-bundle', 'too-large', 'truncated'].sort(),
    );
  });

  it('[BND2] what is not a bundle says so', () => {
    expect(reasonOf(decodeBundle(strToU8('BEGIN:VCALENDAR\r\n')))).toBe('not-a-bundle');
    expect(reasonOf(decodeBundle(new Uint8Array([0x89, 0x50, 0x4e, 0x47])))).toBe('not-a-bundle');
  });

  it('[BND3] a file from a newer format version asks for an update, whatever follows', () => {
    const bytes = bundleOf(communityWithFounder(ada));
    const newer = bytes.slice();
    new DataView(newer.buffer).setUint16(8, BUNDLE_FORMAT_VERSION + 1);
    expect(decodeBundle(newer)).toEqual({
      ok: false,
      error: { reason: 'newer-format', formatVersion: BUNDLE_FORMAT_VERSION + 1 },
    });
    // Only the magic and the version are needed to say so.
    expect(reasonOf(decodeBundle(newer.slice(0, 10)))).toBe('newer-format');
    const zero = bytes.slice();
    new DataView(zero.buffer).setUint16(8, 0);
    expect(reasonOf(decodeBundle(zero))).toBe('corrupted');
    // A manifest that disagrees with the header is refused too.
    const community = communityWithFounder(ada);
    const { manifest, updates } = manifestFor([{ doc: community, kind: 'community' }]);
    const lying = assemble({ ...manifest, formatVersion: 2 }, updates);
    expect(reasonOf(decodeBundle(lying))).toBe('corrupted');
  });

  it('[BND4] sizes beyond the limits are refused before inflating', () => {
    const community = communityWithFounder(ada);
    const bytes = bundleOf(community);
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(14, BUNDLE_LIMITS.maxBytes + 1);
    expect(decodeBundle(huge)).toEqual({
      ok: false,
      error: { reason: 'too-large', limitBytes: BUNDLE_LIMITS.maxBytes },
    });
    const small = { ...BUNDLE_LIMITS, maxBytes: 100 };
    expect(reasonOf(decodeBundle(bytes, small))).toBe('too-large');
    expect(reasonOf(decodeBundle(bytes, { ...BUNDLE_LIMITS, maxFileBytes: 100 }))).toBe(
      'too-large',
    );
  });

  it('[BND4] a body that inflates past its stated size is stopped and refused', () => {
    const community = communityWithFounder(ada);
    const padding = new Uint8Array(4 * 1024 * 1024); // 4 MiB of zeros: ~4 KiB compressed
    const { manifest } = manifestFor([{ doc: community, kind: 'community', update: padding }]);
    const bomb = assemble(manifest, [padding], { declaredLength: () => 1000 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(reasonOf(decodeBundle(bomb))).toBe('corrupted');
    const short = assemble(manifest, [padding], { declaredLength: (n) => n + 1 });
    expect(reasonOf(decodeBundle(short))).toBe('corrupted');
  });

  it('[BND5] a file for another community is refused when importing into one', () => {
    const bytes = bundleOf(communityWithFounder(ada));
    const other = 'another-community-0001' as CommunityId;
    expect(importInto(bytes, [], other)).toEqual({
      ok: false,
      error: { reason: 'wrong-community', expected: other, found: COMMUNITY },
    });
    // Opening a community from a file (from the home screen) expects none.
    expect(reasonOf(importInto(bytes, []))).toBe('ok');
  });

  it('[BND6] an update the engine rejects refuses the whole file, even with good checksums', () => {
    const community = communityWithFounder(ada);
    const board = project();
    const garbage = strToU8('not a yjs update at all');
    const { manifest, updates } = manifestFor([
      { doc: community, kind: 'community' },
      { doc: board, kind: 'project', update: garbage },
    ]);
    const bytes = assemble(manifest, updates);
    expect(decodeBundle(bytes).ok).toBe(true);
    const target = yjsEngine.create(TEST_DOC);
    const result = importInto(bytes, [target]);
    expect(reasonOf(result)).toBe('corrupted');
    // All or nothing: the valid community document was not applied either.
    expect(readCommunity(target)).toBeUndefined();
  });

  it('[BND6] a project of another community, or content whose epoch differs from the manifest, is refused', () => {
    const community = communityWithFounder(ada);
    const stray = project('another-community-0001' as CommunityId);
    const { manifest, updates } = manifestFor([
      { doc: community, kind: 'community' },
      { doc: stray, kind: 'project' },
    ]);
    expect(reasonOf(importInto(assemble(manifest, updates), []))).toBe('corrupted');
    const other = communityWithFounder(ada);
    const swapped = manifestFor([
      { doc: community, kind: 'community', update: other.encodeState() },
    ]);
    expect(reasonOf(importInto(assemble(swapped.manifest, swapped.updates), []))).toBe('corrupted');
  });

  it('[BND7] importing twice, or an older file, changes nothing and fires no update', () => {
    const source = communityWithFounder(ada);
    event(source, 'Apéro');
    const older = bundleOf(source);
    event(source, 'Pique-nique');
    const newer = bundleOf(source);

    const target = fork(source);
    event(target, 'Atelier'); // the importer's own change, not in any file
    const first = importInto(newer, [target]);
    expect(first.ok && first.value.changes).toBe(0);

    const fresh = yjsEngine.create(TEST_DOC);
    const imported = importInto(newer, [fresh]);
    expect(imported.ok && imported.value.changes).toBeGreaterThan(0);
    const state = fresh.encodeState();
    let updates = 0;
    let changes = 0;
    fresh.onUpdate(() => updates++);
    fresh.onChange(() => changes++);
    for (const bytes of [newer, older]) {
      const again = importInto(bytes, [fresh]);
      if (!again.ok) throw new Error(again.error.reason);
      expect(again.value).toMatchObject({ changes: 0, documents: [{ changed: false }] });
    }
    expect(fresh.encodeState()).toEqual(state);
    expect({ updates, changes }).toEqual({ updates: 0, changes: 0 });
    expect(
      readCommunity(fresh)
        ?.events.map((e) => e.title)
        .sort(),
    ).toEqual(['Apéro', 'Pique-nique']);
  });

  it('[BND7] files exchanged both ways make two replicas converge', () => {
    const a = communityWithFounder(ada);
    const b = fork(a);
    event(a, 'Chez A');
    event(b, 'Chez B');
    const toB = importInto(bundleOf(a), [b], COMMUNITY);
    const toA = importInto(bundleOf(b), [a], COMMUNITY);
    expect(toB.ok && toA.ok).toBe(true);
    expect(readCommunity(a)).toEqual(readCommunity(b));
    expect(readCommunity(a)?.events).toHaveLength(2);
  });

  it('[BND8] the same id with another epoch is refused, never merged', () => {
    const mine = communityWithFounder(ada);
    const theirs = communityWithFounder(ada); // same id, created anew: another epoch
    event(theirs, 'Ailleurs');
    const before = mine.encodeState();
    const result = importInto(bundleOf(theirs), [mine], COMMUNITY);
    expect(result).toEqual({ ok: false, error: { reason: 'epoch-mismatch', docId: TEST_DOC } });
    expect(mine.encodeState()).toEqual(before);
  });
});
