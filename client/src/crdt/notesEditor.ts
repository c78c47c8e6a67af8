import { type CrdtDocument, ProjectRoot, yjsRichText } from '@ensemble/shared';
import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { AwarenessHandle, PresenceUser } from '../sync/Presence';

// The editor's binding to a project's notes: TipTap's collaboration extension (y-tiptap,
// the maintained y-prosemirror binding) on the document's `notes` Y.XmlFragment, and the
// others' cursors from the project's awareness. Loaded only with the notes editor.

/** The TipTap extensions that bind an editor to the notes of `doc` (and show the others' cursors). */
export function notesCollaboration(
  doc: CrdtDocument,
  awareness: AwarenessHandle | undefined,
  user: PresenceUser,
): AnyExtension[] {
  const extensions: AnyExtension[] = [
    Collaboration.configure({ fragment: yjsRichText(doc, ProjectRoot.notes) }),
  ];
  if (awareness) {
    extensions.push(
      CollaborationCaret.configure({
        provider: { awareness },
        user: { ...user },
        render: renderCaret,
      }),
    );
  }
  return extensions;
}

/** A caret in the person's colour with their name above it (hidden from screen readers). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  const color = typeof user.color === 'string' ? user.color : '#0f5c5a';
  caret.style.borderColor = color;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' && user.name ? user.name : '…';
  caret.append(label);
  return caret;
}
