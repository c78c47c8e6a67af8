import { Inflate, strFromU8 } from 'fflate';
import { digest } from 'lib0/hash/sha256';
import { blobHashOf, isBlobHash } from '../blobs/blobRef';
import type { CommunityId, DocEpoch, DocId } from '../ids';
import { isWellFormedId } from '../ids';
import { err, ok, type Result } from '../result';
import { toHex } from './encodeBundle';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_HEADER_BYTES,
  BUNDLE_KIND,
  BUNDLE_LIMITS,
  BUNDLE_MAGIC,
  type BundleBlob,
  type BundleBlobEntry,
  type BundleDocument,
  type BundleDocumentEntry,
  BundleDocumentKind,
  type BundleError,
  BundleErrorReason,
  type BundleLimits,
  type BundleManifest,
  corrupted,
  type DecodedBundle,
} from './format';

/** Input is fed to the inflater in slices this size, so a "zip bomb" is stopped early. */
const INFLATE_SLICE = 16 * 1024;

/**
 * [BND2] Reads a bundle file: every check (magic, version, sizes, checksums, manifest)
 * passes or the file is refused with a typed reason. Never throws.
 */
export function decodeBundle(
  bytes: Uint8Array,
  limits: BundleLimits = BUNDLE_LIMITS,
): Result<DecodedBundle, BundleError> {
  const magicLength = Math.min(bytes.length, BUNDLE_MAGIC.length);
  for (let i = 0; i < magicLength; i++) {
    if (bytes[i] !== BUNDLE_MAGIC[i]) return err({ reason: BundleErrorReason.notABundle });
  }
  if (bytes.length < 10) return err({ reason: BundleErrorReason.truncated });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(8);
  // [BND3] A newer format may lay out everything after the version differently.
  if (version > BUNDLE_FORMAT_VERSION) {
    return err({ reason: BundleErrorReason.newerFormat, formatVersion: version });
  }
  if (version < 1) return err(corrupted('format version 0'));
  if (bytes.length < BUNDLE_HEADER_BYTES) return err({ reason: BundleErrorReason.truncated });
  const compressedLength = view.getUint32(10);
  const bodyLength = view.getUint32(14);
  // [BND4] Sizes are checked against the limits before anything is inflated.
  if (bytes.length > limits.maxFileBytes || compressedLength > limits.maxFileBytes) {
    return err({ reason: BundleErrorReason.tooLarge, limitBytes: limits.maxFileBytes });
  }
  if (bodyLength > limits.maxBytes) {
    return err({ reason: BundleErrorReason.tooLarge, limitBytes: limits.maxBytes });
  }
  const end = BUNDLE_HEADER_BYTES + compressedLength;
  if (bytes.length < end) return err({ reason: BundleErrorReason.truncated });
  if (bytes.length > end) return err(corrupted('bytes after the end of the bundle'));
  const compressed = bytes.subarray(BUNDLE_HEADER_BYTES, end);
  if (toHex(digest(compressed)) !== toHex(bytes.subarray(18, 50))) {
    return err(corrupted('checksum of the file does not match'));
  }
  const body = inflateBounded(compressed, bodyLength);
  if (!body) return err(corrupted('the compressed data does not inflate to its stated size'));
  return readBody(body, version, limits);
}

/** Inflates to exactly `expected` bytes, stopping as soon as the output would exceed it. */
function inflateBounded(compressed: Uint8Array, expected: number): Uint8Array | undefined {
  const out = new Uint8Array(expected);
  let length = 0;
  let overflow = false;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (length + chunk.length > expected) {
      overflow = true;
      throw new RangeError('inflated past the stated size');
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) done = true;
  });
  try {
    for (let offset = 0; offset < compressed.length; offset += INFLATE_SLICE) {
      const next = offset + INFLATE_SLICE;
      inflater.push(compressed.subarray(offset, next), next >= compressed.length);
    }
  } catch {
    return undefined;
  }
  return !overflow && done && length === expected ? out : undefined;
}

function readBody(
  body: Uint8Array,
  version: number,
  limits: BundleLimits,
): Result<DecodedBundle, BundleError> {
  if (body.length < 4) return err(corrupted('no manifest'));
  const manifestLength = new DataView(body.buffer, body.byteOffset, 4).getUint32(0);
  if (manifestLength > limits.maxManifestBytes || 4 + manifestLength > body.length) {
    return err(corrupted('manifest length out of bounds'));
  }
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(body.subarray(4, 4 + manifestLength)));
  } catch {
    return err(corrupted('manifest is not JSON'));
  }
  const manifest = parseManifest(json, version, limits);
  if (!manifest.ok) return manifest;
  const documents: BundleDocument[] = [];
  let offset = 4 + manifestLength;
  for (const entry of manifest.value.documents) {
    const update = body.subarray(offset, offset + entry.byteLength);
    offset += entry.byteLength;
    if (update.length !== entry.byteLength) return err(corrupted('documents overrun the body'));
    if (toHex(digest(update)) !== entry.sha256) {
      return err(corrupted(`checksum of document ${entry.id} does not match`));
    }
    documents.push({ ...entry, update });
  }
  const blobs: BundleBlob[] = [];
  for (const entry of manifest.value.blobs ?? []) {
    const bytes = body.subarray(offset, offset + entry.byteLength);
    offset += entry.byteLength;
    if (bytes.length !== entry.byteLength) return err(corrupted('blobs overrun the body'));
    // [BND12] A blob whose bytes do not match its hash refuses the whole file.
    if (blobHashOf(bytes) !== entry.hash) {
      return err(corrupted(`blob ${entry.hash} does not match its hash`));
    }
    blobs.push({ ...entry, bytes });
  }
  if (offset !== body.length) return err(corrupted('bytes after the last document'));
  return ok({ manifest: manifest.value, documents, blobs });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const KINDS: readonly string[] = Object.values(BundleDocumentKind);

function parseManifest(
  json: unknown,
  version: number,
  limits: BundleLimits,
): Result<BundleManifest, BundleError> {
  if (!isRecord(json) || json.kind !== BUNDLE_KIND) return err(corrupted('not a bundle manifest'));
  if (json.formatVersion !== version) return err(corrupted('manifest and header disagree'));
  const { communityId, epoch, createdAt, appVersion, documents } = json;
  if (typeof communityId !== 'string' || !isWellFormedId(communityId) || !isText(epoch)) {
    return err(corrupted('manifest has no community id or epoch'));
  }
  if (!isText(createdAt) || typeof appVersion !== 'string') {
    return err(corrupted('manifest has no creation date or app version'));
  }
  if (!Array.isArray(documents) || documents.length === 0) {
    return err(corrupted('manifest lists no document'));
  }
  if (documents.length > limits.maxDocuments) {
    return err({ reason: BundleErrorReason.tooLarge, limitBytes: limits.maxBytes });
  }
  const entries: BundleDocumentEntry[] = [];
  const ids = new Set<string>();
  for (const doc of documents) {
    const entry = parseEntry(doc);
    if (!entry || ids.has(entry.id)) return err(corrupted('manifest lists an invalid document'));
    ids.add(entry.id);
    entries.push(entry);
  }
  // [BND5] Exactly one community document: the one the manifest names, with its epoch.
  const communities = entries.filter((entry) => entry.kind === BundleDocumentKind.community);
  if (
    communities.length !== 1 ||
    communities[0]?.id !== communityId ||
    communities[0].epoch !== epoch
  ) {
    return err(corrupted('manifest does not hold its community document'));
  }
  const blobs = parseBlobs(json.blobs, version, limits);
  if (!blobs.ok) return blobs;
  return ok({
    formatVersion: version,
    kind: BUNDLE_KIND,
    communityId: communityId as CommunityId,
    epoch: epoch as DocEpoch,
    createdAt,
    appVersion,
    documents: entries,
    ...(blobs.value.length > 0 ? { blobs: blobs.value } : {}),
  });
}

/** [BND10] [BND11] The manifest's blob list: version 2 only, distinct well-formed entries. */
function parseBlobs(
  value: unknown,
  version: number,
  limits: BundleLimits,
): Result<readonly BundleBlobEntry[], BundleError> {
  if (value === undefined) return ok([]);
  if (version < 2 || !Array.isArray(value)) return err(corrupted('manifest lists blobs badly'));
  if (value.length > limits.maxBlobs) {
    return err({ reason: BundleErrorReason.tooLarge, limitBytes: limits.maxBytes });
  }
  const entries: BundleBlobEntry[] = [];
  const hashes = new Set<string>();
  for (const item of value) {
    if (!isRecord(item)) return err(corrupted('manifest lists an invalid blob'));
    const { hash, type, byteLength } = item;
    if (
      !isBlobHash(hash) ||
      hashes.has(hash) ||
      !isText(type) ||
      type.length > 200 ||
      typeof byteLength !== 'number' ||
      !Number.isSafeInteger(byteLength) ||
      byteLength < 0
    ) {
      return err(corrupted('manifest lists an invalid blob'));
    }
    hashes.add(hash);
    entries.push({ hash, type, byteLength });
  }
  return ok(entries);
}

function parseEntry(value: unknown): BundleDocumentEntry | undefined {
  if (!isRecord(value)) return undefined;
  const { id, kind, engine, epoch, byteLength, sha256 } = value;
  if (typeof id !== 'string' || !isWellFormedId(id)) return undefined;
  if (typeof kind !== 'string' || !KINDS.includes(kind) || !isText(engine) || !isText(epoch)) {
    return undefined;
  }
  if (typeof byteLength !== 'number' || !Number.isSafeInteger(byteLength) || byteLength < 0) {
    return undefined;
  }
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  return {
    id: id as DocId,
    kind: kind as BundleDocumentKind,
    engine,
    epoch: epoch as DocEpoch,
    byteLength,
    sha256,
  };
}
