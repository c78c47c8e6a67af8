import * as A from '@automerge/automerge';
import type { CrdtDocument } from '../DocumentPort';
import { AutomergeDocument } from './AutomergeDocument';

export type RichTextSpan = A.Span;
export type RichTextBlock = { [key: string]: A.MaterializeValue };

/**
 * The collaborative rich text of an Automerge-backed document (a project's notes): an
 * Automerge text at a root of its own, with block markers for paragraphs and headings, the
 * shape @automerge/prosemirror binds an editor to. Only editor adapters and history views
 * call this; domain code never touches it.
 */
export interface AutomergeRichText {
  /** The text with its block markers (one marker per paragraph, heading, list item). */
  spans(): RichTextSpan[];
  /** The plain text (block markers as U+FFFC, as Automerge reads them). */
  text(): string;
  splice(index: number, deleteCount: number, insert?: string): void;
  splitBlock(index: number, block: RichTextBlock): void;
  /** Replaces the whole content with `spans`, as the smallest set of edits. */
  updateSpans(spans: RichTextSpan[]): void;
}

export function automergeRichText(doc: CrdtDocument, root: string): AutomergeRichText {
  if (!(doc instanceof AutomergeDocument)) {
    throw new TypeError(`rich text "${root}" needs an Automerge document, not ${doc.engine}`);
  }
  const read = (): string | undefined => {
    const value = doc.doc[root];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    spans: () => (read() === undefined ? [] : A.spans(doc.doc, [root])),
    text: () => read() ?? '',
    splice: (index, deleteCount, insert) =>
      doc.editText(root, (draft, path) => A.splice(draft, path, index, deleteCount, insert)),
    splitBlock: (index, block) =>
      doc.editText(root, (draft, path) => A.splitBlock(draft, path, index, block)),
    updateSpans: (spans) => doc.editText(root, (draft, path) => A.updateSpans(draft, path, spans)),
  };
}
