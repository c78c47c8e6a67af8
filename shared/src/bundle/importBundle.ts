import * as decoding from 'lib0/decoding';
import type { CrdtDocument, DocumentEngine } from '../crdt/DocumentPort';
import type { CommunityId, DocEpoch, DocId } from '../ids';
import { err, ok, type Result } from '../result';
import { decodeBundle } from './decodeBundle';
import { documentEpoch } from './encodeBundle';
import {
  BUNDLE_LIMITS,
  type BundleBlob,
  type BundleDocument,
  BundleDocumentKind,
  type BundleError,
  BundleErrorReason,
  type BundleLimits,
  type BundleManifest,
  corrupted,
} from './format';

/** Origin of updates applied from a bundle file (they are not local edits). */
export const BUNDLE_ORIGIN = 'bundle';

export interface PrepareOptions {
  /** The engines this device runs, by name. */
  readonly engines: readonly DocumentEngine[];
  /** The community the file is imported into; absent when opening a community from a file. */
  readonly expectedCommunityId?: CommunityId;
  readonly limits?: BundleLimits;
}

/** A bundle whose every document was checked: it decodes, and its content matches the manifest. */
export interface PreparedBundle {
  readonly manifest: BundleManifest;
  readonly documents: readonly BundleDocument[];
  /** [BND10] Photos and files the file carries, each checked against its hash [BND12]. */
  readonly blobs: readonly BundleBlob[];
}

export interface ImportedDocument {
  readonly id: DocId;
  readonly kind: BundleDocumentKind;
  /** Whether the document received anything it did not have. */
  readonly changed: boolean;
  /** New operations it received (insertions counted one by one; at least 1 when changed). */
  readonly changes: number;
}

export interface ImportSummary {
  readonly communityId: CommunityId;
  readonly documents: readonly ImportedDocument[];
  /** Sum of the documents' changes: 0 when the file held nothing new. */
  readonly changes: number;
}

/**
 * [BND6] Decodes a bundle and checks every document against a fresh replica, before
 * anything on the device is touched: an update the engine rejects, or content whose
 * epoch or community differs from what the manifest says, refuses the whole file.
 */
export function prepareBundle(
  bytes: Uint8Array,
  options: PrepareOptions,
): Result<PreparedBundle, BundleError> {
  const decoded = decodeBundle(bytes, options.limits ?? BUNDLE_LIMITS);
  if (!decoded.ok) return decoded;
  const { manifest, documents, blobs } = decoded.value;
  const expected = options.expectedCommunityId;
  if (expected !== undefined && manifest.communityId !== expected) {
    return err({
      reason: BundleErrorReason.wrongCommunity,
      expected,
      found: manifest.communityId,
    });
  }
  for (const document of documents) {
    const engine = options.engines.find((candidate) => candidate.name === document.engine);
    // A document of an engine this app does not have was written by a newer app.
    if (!engine) {
      return err({ reason: BundleErrorReason.newerFormat, formatVersion: manifest.formatVersion });
    }
    const scratch = engine.create(document.id);
    try {
      scratch.applyUpdate(document.update, BUNDLE_ORIGIN);
      if (documentEpoch(scratch) !== document.epoch) {
        return err(corrupted(`document ${document.id} does not hold the epoch listed`));
      }
      const owner = scratch.map('meta').getValue('communityId');
      if (document.kind === BundleDocumentKind.project && owner !== manifest.communityId) {
        return err(corrupted(`project ${document.id} belongs to another community`));
      }
    } catch {
      return err(corrupted(`document ${document.id} is not a valid update`));
    } finally {
      scratch.destroy();
    }
  }
  return ok({ manifest, documents, blobs });
}

/**
 * [BND7] Applies a prepared bundle to the device's replicas of its documents (`local` has
 * one per document id, empty when the device did not have it). All or nothing: every
 * epoch is compared before the first update is applied. Re-importing a file, or an
 * older one, changes nothing (CRDT merge is idempotent).
 */
export function applyBundle(
  prepared: PreparedBundle,
  local: ReadonlyMap<DocId, CrdtDocument>,
): Result<ImportSummary, BundleError> {
  const targets: { document: BundleDocument; doc: CrdtDocument }[] = [];
  for (const document of prepared.documents) {
    const doc = local.get(document.id);
    if (!doc || doc.engine !== document.engine) {
      throw new Error(`no local replica of ${document.id} to import into`);
    }
    const epoch: DocEpoch | undefined = documentEpoch(doc);
    // [BND8] Same id, another epoch: another document entirely. Never merge.
    if (epoch !== undefined && epoch !== document.epoch) {
      return err({ reason: BundleErrorReason.epochMismatch, docId: document.id });
    }
    targets.push({ document, doc });
  }
  const documents: ImportedDocument[] = targets.map(({ document, doc }) => {
    const before = operationCount(doc);
    let updated = false;
    const stop = doc.onUpdate(() => {
      updated = true;
    });
    try {
      doc.applyUpdate(document.update, BUNDLE_ORIGIN);
    } finally {
      stop();
    }
    const added = Math.max(0, operationCount(doc) - before);
    return {
      id: document.id,
      kind: document.kind,
      changed: updated,
      changes: updated ? Math.max(1, added) : 0,
    };
  });
  return ok({
    communityId: prepared.manifest.communityId,
    documents,
    changes: documents.reduce((sum, document) => sum + document.changes, 0),
  });
}

/**
 * How many operations a replica holds, from its state vector: for Yjs the sum of each
 * client's clock (one per inserted item; deletions are not counted). Other engines: 0.
 */
function operationCount(doc: CrdtDocument): number {
  if (doc.engine !== 'yjs') return 0;
  const decoder = decoding.createDecoder(doc.encodeStateVector());
  const clients = decoding.readVarUint(decoder);
  let total = 0;
  for (let i = 0; i < clients; i++) {
    decoding.readVarUint(decoder);
    total += decoding.readVarUint(decoder);
  }
  return total;
}
