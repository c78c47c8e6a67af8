import { deflateSync, strToU8 } from 'fflate';
import { digest } from 'lib0/hash/sha256';
import { blobHashOf } from '../blobs/blobRef';
import type { CrdtDocument } from '../crdt/DocumentPort';
import { type CommunityId, communityDocId, type DocEpoch } from '../ids';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_HEADER_BYTES,
  BUNDLE_KIND,
  BUNDLE_MAGIC,
  BUNDLE_PLAIN_FORMAT_VERSION,
  type BundleBlobEntry,
  type BundleDocumentEntry,
  BundleDocumentKind,
  type BundleManifest,
} from './format';

export interface BundleInput {
  readonly communityId: CommunityId;
  readonly appVersion: string;
  readonly createdAt: Date;
  /** The community document first, then its projects. */
  readonly documents: readonly {
    readonly doc: CrdtDocument;
    readonly kind: BundleDocumentKind;
  }[];
  /** [BND10] Photos and files to carry (on request); none: a version-1 file. */
  readonly blobs?: readonly { readonly type: string; readonly bytes: Uint8Array }[];
}

/** The `meta.epoch` both community and project documents record at creation. */
export function documentEpoch(doc: CrdtDocument): DocEpoch | undefined {
  const epoch = doc.map('meta').getValue('epoch');
  return typeof epoch === 'string' && epoch ? (epoch as DocEpoch) : undefined;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * [BND1] Encodes documents as one bundle file (layout in format.ts). Throws when a
 * document has no epoch yet (it was never created: there is nothing to export).
 */
export function encodeBundle(input: BundleInput): Uint8Array {
  const community = input.documents.find((entry) => entry.kind === BundleDocumentKind.community);
  if (!community || community.doc.id !== communityDocId(input.communityId)) {
    throw new Error('a bundle holds its community document');
  }
  const updates: Uint8Array[] = [];
  const entries: BundleDocumentEntry[] = input.documents.map(({ doc, kind }) => {
    const epoch = documentEpoch(doc);
    if (!epoch) throw new Error(`document ${doc.id} has no epoch: nothing to export`);
    const update = doc.encodeState();
    updates.push(update);
    return {
      id: doc.id,
      kind,
      engine: doc.engine,
      epoch,
      byteLength: update.length,
      sha256: toHex(digest(update)),
    };
  });
  const blobs: BundleBlobEntry[] = [];
  const blobBytes: Uint8Array[] = [];
  const seen = new Set<string>();
  for (const blob of input.blobs ?? []) {
    const hash = blobHashOf(blob.bytes);
    if (seen.has(hash)) continue;
    seen.add(hash);
    blobs.push({ hash, type: blob.type, byteLength: blob.bytes.length });
    blobBytes.push(blob.bytes);
  }
  const version = blobs.length > 0 ? BUNDLE_FORMAT_VERSION : BUNDLE_PLAIN_FORMAT_VERSION;
  const manifest: BundleManifest = {
    formatVersion: version,
    kind: BUNDLE_KIND,
    communityId: input.communityId,
    epoch: documentEpoch(community.doc) as DocEpoch,
    createdAt: input.createdAt.toISOString(),
    appVersion: input.appVersion,
    documents: entries,
    ...(blobs.length > 0 ? { blobs } : {}),
  };
  const manifestBytes = strToU8(JSON.stringify(manifest));
  const body = concat([u32(manifestBytes.length), manifestBytes, ...updates, ...blobBytes]);
  const compressed = deflateSync(body, { level: 6 });
  const header = new Uint8Array(BUNDLE_HEADER_BYTES);
  header.set(BUNDLE_MAGIC, 0);
  const view = new DataView(header.buffer);
  view.setUint16(8, version);
  view.setUint32(10, compressed.length);
  view.setUint32(14, body.length);
  header.set(digest(compressed), 18);
  return concat([header, compressed]);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
