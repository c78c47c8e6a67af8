import type * as Y from 'yjs';
import type { CrdtDocument } from '../DocumentPort';
import { YjsDocument } from './YjsDocument';

/**
 * The collaborative rich text of a Yjs-backed document (a project's notes) as the
 * `Y.XmlFragment` that y-prosemirror (or TipTap's collaboration extension) binds
 * an editor to. Only editor adapters call this; domain code never touches it.
 */
export function yjsRichText(doc: CrdtDocument, name: string): Y.XmlFragment {
  if (!(doc instanceof YjsDocument)) {
    throw new TypeError(`rich text "${name}" needs a Yjs document, not ${doc.engine}`);
  }
  return doc.ydoc.getXmlFragment(name);
}
