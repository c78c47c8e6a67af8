import {
  applyBundle,
  BUNDLE_FILE_EXTENSION,
  BundleDocumentKind,
  type BundleError,
  type CommunityId,
  type CrdtDocument,
  type DocId,
  type DocumentEngine,
  documentEpoch,
  encodeBundle,
  type ImportSummary,
  listAttachmentBlobs,
  listProjects,
  prepareBundle,
  projectDocId,
  type Result,
  readCommunity,
} from '@ensemble/shared';
import type { BlobCache, BlobRow } from '../blobs/BlobCache';
import type { CommunityIndex } from '../storage/CommunityIndex';
import type { DocumentStore } from '../storage/DocumentStore';

export interface ExportedBundle {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface BundleTransferDeps {
  readonly engine: DocumentEngine;
  readonly store: DocumentStore;
  readonly index: CommunityIndex;
}

/**
 * [BND1] A community (its open document) and the projects of its index that are on this
 * device, as one file. No capability goes in it: a file travels through messaging apps.
 */
export async function exportCommunityFile(
  deps: BundleTransferDeps,
  community: CrdtDocument,
  appVersion: string,
  /** [BND10] On request: the attachments' blobs this device holds go in the file too. */
  blobs?: BlobCache,
  now = new Date(),
): Promise<ExportedBundle> {
  const projects = await loadProjects(deps, community);
  try {
    const carried = blobs ? await heldBlobs(blobs, community) : [];
    const bytes = encodeBundle({
      ...(carried.length > 0 ? { blobs: carried } : {}),
      communityId: community.id as string as CommunityId,
      appVersion,
      createdAt: now,
      documents: [
        { doc: community, kind: BundleDocumentKind.community },
        ...projects.map((doc) => ({ doc, kind: BundleDocumentKind.project })),
      ],
    });
    const name = readCommunity(community)?.profile.name ?? '';
    return { fileName: bundleFileName(name), bytes };
  } finally {
    for (const doc of projects) doc.destroy();
  }
}

/**
 * [BND10] Bytes the attachments' blobs held on this device would add to a file. Attachments
 * hang on community records (items, events, posts): the community document lists them all.
 */
export async function attachedBlobBytes(
  community: CrdtDocument,
  blobs: BlobCache,
): Promise<{ readonly count: number; readonly bytes: number }> {
  const held = await heldBlobs(blobs, community);
  return { count: held.length, bytes: held.reduce((sum, row) => sum + row.bytes.length, 0) };
}

async function loadProjects(
  deps: BundleTransferDeps,
  community: CrdtDocument,
): Promise<CrdtDocument[]> {
  const projects: CrdtDocument[] = [];
  for (const entry of listProjects(community)) {
    const doc = await deps.store.load(projectDocId(entry.id));
    if (documentEpoch(doc)) projects.push(doc);
    else doc.destroy();
  }
  return projects;
}

/** The blobs the community's attachments reference that this device holds (once each). */
async function heldBlobs(blobs: BlobCache, community: CrdtDocument): Promise<BlobRow[]> {
  const hashes = new Set(listAttachmentBlobs(community).map((ref) => ref.hash));
  const rows: BlobRow[] = [];
  for (const hash of hashes) {
    const row = await blobs.get(hash);
    if (row) rows.push(row);
  }
  return rows;
}

/** `<community-name>.ensemble`, without the characters file systems refuse. */
export function bundleFileName(communityName: string): string {
  const safe = communityName
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${safe || 'communaute'}${BUNDLE_FILE_EXTENSION}`;
}

/**
 * [BND6][BND7] Checks a whole file, then merges it: the community into `communityDoc`
 * (the open session's document, which the store already follows), each project into
 * its stored document (appended to the store when it changed).
 */
export async function importCommunityFile(
  deps: BundleTransferDeps,
  bytes: Uint8Array,
  expected: CommunityId | undefined,
  openCommunity: (id: CommunityId) => Promise<CrdtDocument>,
  /** [BND12] Where the file's blobs (each already checked against its hash) are kept. */
  blobs?: BlobCache,
): Promise<Result<ImportSummary, BundleError>> {
  const prepared = prepareBundle(bytes, {
    engines: [deps.engine],
    ...(expected ? { expectedCommunityId: expected } : {}),
  });
  if (!prepared.ok) return prepared;
  const { manifest, documents } = prepared.value;
  const community = await openCommunity(manifest.communityId);
  const local = new Map<DocId, CrdtDocument>([[community.id, community]]);
  const loaded: CrdtDocument[] = [];
  try {
    for (const document of documents) {
      if (document.kind !== BundleDocumentKind.project) continue;
      const doc = await deps.store.load(document.id);
      loaded.push(doc);
      local.set(document.id, doc);
    }
    const result = applyBundle(prepared.value, local);
    if (!result.ok) return result;
    const writes: Promise<void>[] = [];
    for (const imported of result.value.documents) {
      const doc = local.get(imported.id);
      if (!imported.changed || !doc || doc === community) continue;
      writes.push(deps.store.append(doc.id, doc.encodeState()));
    }
    await Promise.all(writes);
    if (blobs) {
      // Kept on this device only: the relay is not asked to take blobs from a file.
      for (const blob of prepared.value.blobs) {
        if (!(await blobs.get(blob.hash))) {
          await blobs.put({ hash: blob.hash, type: blob.type, bytes: blob.bytes.slice() });
        }
      }
    }
    await deps.store.whenIdle(community.id);
    const snapshot = readCommunity(community);
    if (snapshot?.profile.name) {
      await deps.index.saveProfile(manifest.communityId, {
        name: snapshot.profile.name,
        city: snapshot.profile.city,
      });
    }
    return result;
  } finally {
    for (const doc of loaded) doc.destroy();
  }
}
