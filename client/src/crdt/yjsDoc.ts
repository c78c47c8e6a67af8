import { type CrdtDocument, YjsDocument } from '@ensemble/shared';
import type * as Y from 'yjs';

/** The Y.Doc behind a document, for Yjs transports (y-websocket). */
export function yDocOf(doc: CrdtDocument): Y.Doc {
  if (!(doc instanceof YjsDocument)) {
    throw new Error(`Document ${doc.id} uses engine ${doc.engine}, which has no Yjs transport`);
  }
  return doc.ydoc;
}
