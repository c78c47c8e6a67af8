import type { BlobHash } from '../blobs/blobRef';
import type { CommunityId, DocEpoch, DocId } from '../ids';

/**
 * The file bundle (see SPEC.md "File bundles", BND1..): one community and its projects in
 * one file that travels by USB, AirDrop or a messaging app.
 *
 * Layout, format version 1 (integers big-endian):
 *   0   8 bytes  magic `\x89ENSB\r\n\x1a` (the high byte and the line endings expose
 *                text-mode transfers, as PNG's signature does)
 *   8   u16      format version
 *   10  u32      length of the compressed body
 *   14  u32      length of the body once inflated
 *   18  32 bytes SHA-256 of the compressed body
 *   50  body     raw DEFLATE (fflate) of: u32 manifest length, the manifest (UTF-8 JSON),
 *                then each document's update, in the manifest's order, then (version 2)
 *                each blob's bytes in the manifest's `blobs` order
 */
export const BUNDLE_MAGIC: readonly number[] = [0x89, 0x45, 0x4e, 0x53, 0x42, 0x0d, 0x0a, 0x1a];
export const BUNDLE_FORMAT_VERSION = 2;
/**
 * [BND10] Files without photos or files are still written as version 1 (older apps read
 * them); version 2 adds the manifest's `blobs` list, their bytes after the documents.
 */
export const BUNDLE_PLAIN_FORMAT_VERSION = 1;
export const BUNDLE_KIND = 'ensemble-bundle';
export const BUNDLE_HEADER_BYTES = 50;
/** The file name extension the client gives bundles. */
export const BUNDLE_FILE_EXTENSION = '.ensemble';

export interface BundleLimits {
  /** The inflated body (manifest and updates): checked against the header before inflating. */
  readonly maxBytes: number;
  /** The file as read. */
  readonly maxFileBytes: number;
  readonly maxDocuments: number;
  readonly maxManifestBytes: number;
  /** [BND11] Blobs (photos and files) one file may carry. */
  readonly maxBlobs: number;
}

/** [BND4] 50 MiB of CRDT state is several times the largest community measured (~6.5 MB). */
export const BUNDLE_LIMITS: BundleLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxFileBytes: 50 * 1024 * 1024,
  maxDocuments: 1_000,
  maxManifestBytes: 1024 * 1024,
  maxBlobs: 10_000,
};

export const BundleDocumentKind = { community: 'community', project: 'project' } as const;
export type BundleDocumentKind = (typeof BundleDocumentKind)[keyof typeof BundleDocumentKind];

export interface BundleDocumentEntry {
  readonly id: DocId;
  readonly kind: BundleDocumentKind;
  /** The CRDT engine whose update this is (`yjs` today). */
  readonly engine: string;
  /** The document's creation id: a document with the same id and another epoch is refused. */
  readonly epoch: DocEpoch;
  readonly byteLength: number;
  /** SHA-256 of the update, lowercase hex. */
  readonly sha256: string;
}

export interface BundleManifest {
  readonly formatVersion: number;
  readonly kind: typeof BUNDLE_KIND;
  readonly communityId: CommunityId;
  /** The community document's epoch. */
  readonly epoch: DocEpoch;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly appVersion: string;
  readonly documents: readonly BundleDocumentEntry[];
  /** [BND10] Photos and files carried on request (version 2 only; absent: none). */
  readonly blobs?: readonly BundleBlobEntry[];
}

/** A blob carried by the file: its bytes follow the documents. */
export interface BundleBlobEntry {
  /** SHA-256 of the bytes, lowercase hex: checked on import [BND12]. */
  readonly hash: BlobHash;
  /** Media type. */
  readonly type: string;
  readonly byteLength: number;
}

export interface BundleBlob extends BundleBlobEntry {
  readonly bytes: Uint8Array;
}

export interface BundleDocument extends BundleDocumentEntry {
  readonly update: Uint8Array;
}

export interface DecodedBundle {
  readonly manifest: BundleManifest;
  readonly documents: readonly BundleDocument[];
  readonly blobs: readonly BundleBlob[];
}

/** Why a file is refused. Every refusal leaves the device's documents unchanged. */
export const BundleErrorReason = {
  notABundle: 'not-a-bundle',
  truncated: 'truncated',
  corrupted: 'corrupted',
  newerFormat: 'newer-format',
  wrongCommunity: 'wrong-community',
  tooLarge: 'too-large',
  epochMismatch: 'epoch-mismatch',
} as const;
export type BundleErrorReason = (typeof BundleErrorReason)[keyof typeof BundleErrorReason];

export type BundleError =
  | { readonly reason: 'not-a-bundle' }
  | { readonly reason: 'truncated' }
  | { readonly reason: 'corrupted'; readonly detail: string }
  | { readonly reason: 'newer-format'; readonly formatVersion: number }
  | {
      readonly reason: 'wrong-community';
      readonly expected: CommunityId;
      readonly found: CommunityId;
    }
  | { readonly reason: 'too-large'; readonly limitBytes: number }
  | { readonly reason: 'epoch-mismatch'; readonly docId: DocId };

export const corrupted = (detail: string): BundleError => ({
  reason: BundleErrorReason.corrupted,
  detail,
});
