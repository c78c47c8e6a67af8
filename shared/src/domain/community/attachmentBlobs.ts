import { type BlobRef, parseBlobRef } from '../../blobs/blobRef';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { foldedRecords } from '../records';
import { AttachmentRecords } from './schema';

/**
 * [BND10] Every blob a document's shown attachments reference, once each, for file
 * bundles. Its own module so it is bundled with the lazy export code, not the first load.
 */
export function listAttachmentBlobs(doc: CrdtDocument): readonly BlobRef[] {
  const byHash = new Map<string, BlobRef>();
  for (const [, { fields }] of foldedRecords(doc, AttachmentRecords)) {
    if (fields.removed === true) continue;
    const blob = parseBlobRef(fields.blob);
    if (blob.ok) byHash.set(blob.value.hash, blob.value);
  }
  return [...byHash.values()];
}
