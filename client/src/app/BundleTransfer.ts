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
  listProjects,
  prepareBundle,
  projectDocId,
  type Result,
  readCommunity,
} from '@ensemble/shared';
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
  now = new Date(),
): Promise<ExportedBundle> {
  const projects: CrdtDocument[] = [];
  try {
    for (const entry of listProjects(community)) {
      const doc = await deps.store.load(projectDocId(entry.id));
      if (documentEpoch(doc)) projects.push(doc);
      else doc.destroy();
    }
    const bytes = encodeBundle({
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
