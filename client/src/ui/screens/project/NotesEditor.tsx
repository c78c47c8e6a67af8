import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect } from 'react';
import type { NotesBinding } from '../../../app/project/ProjectSession';
import { notesCollaboration } from '../../../crdt/notesEditor';
import { useMessages } from '../../../i18n/featureMessages';
import type { PresenceUser } from '../../../sync/Presence';
import { projectMessages } from './messages';

/**
 * The project's collaborative notes: a TipTap (ProseMirror) editor bound to the project
 * document's notes, with the others' cursors and names. Loaded on demand, with TipTap.
 */
export function NotesEditor(props: {
  binding: NotesBinding;
  user: PresenceUser;
  readOnly: boolean;
}) {
  const pt = useMessages(projectMessages);
  const editor = useEditor(
    {
      extensions: [
        // The collaboration extension brings its own undo history (per person, on Yjs).
        StarterKit.configure({ undoRedo: false, link: false }),
        ...notesCollaboration(props.binding.document, props.binding.awareness, props.user),
      ],
      editable: !props.readOnly,
      editorProps: {
        attributes: {
          class: 'notes-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': pt('notes.label'),
          'data-testid': 'notes-editor',
        },
      },
    },
    [props.binding.document],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.commands.updateUser({ ...props.user });
  }, [editor, props.user]);

  return (
    <div className="notes">
      {props.readOnly || !editor ? null : <Toolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

type Editor = NonNullable<ReturnType<typeof useEditor>>;

function Toolbar({ editor }: { editor: Editor }) {
  const pt = useMessages(projectMessages);
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      h2: current.isActive('heading', { level: 2 }),
      h3: current.isActive('heading', { level: 3 }),
      bullet: current.isActive('bulletList'),
      ordered: current.isActive('orderedList'),
    }),
  });
  const chain = () => editor.chain().focus();
  const buttons = [
    {
      key: 'bold',
      label: pt('notes.bold'),
      icon: pt('notes.boldIcon'),
      on: state.bold,
      run: () => chain().toggleBold().run(),
    },
    {
      key: 'italic',
      label: pt('notes.italic'),
      icon: pt('notes.italicIcon'),
      on: state.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: 'h2',
      label: pt('notes.heading2'),
      icon: pt('notes.heading2Icon'),
      on: state.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: 'h3',
      label: pt('notes.heading3'),
      icon: pt('notes.heading3Icon'),
      on: state.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    {
      key: 'bullet',
      label: pt('notes.bulletList'),
      icon: '•',
      on: state.bullet,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: 'ordered',
      label: pt('notes.orderedList'),
      icon: '1.',
      on: state.ordered,
      run: () => chain().toggleOrderedList().run(),
    },
  ];
  return (
    <div className="notes-toolbar" role="toolbar" aria-label={pt('notes.toolbar')}>
      {buttons.map((button) => (
        <button
          key={button.key}
          type="button"
          className={`notes-tool notes-tool-${button.key}`}
          aria-label={nameWithIcon(button.label, button.icon)}
          title={button.label}
          aria-pressed={button.on}
          data-testid={`notes-${button.key}`}
          onClick={button.run}
        >
          <span aria-hidden="true">{button.icon}</span>
        </button>
      ))}
      <div className="notes-history">
        <button
          type="button"
          className="notes-tool"
          aria-label={pt('notes.undo')}
          title={pt('notes.undo')}
          onClick={() => chain().undo().run()}
        >
          <span aria-hidden="true">↶</span>
        </button>
        <button
          type="button"
          className="notes-tool"
          aria-label={pt('notes.redo')}
          title={pt('notes.redo')}
          onClick={() => chain().redo().run()}
        >
          <span aria-hidden="true">↷</span>
        </button>
      </div>
    </div>
  );
}

/**
 * A tool's accessible name, with its visible letters when they are not already in it
 * ("Titre, T1"): voice control users say what they see (WCAG 2.5.3, label in name).
 */
function nameWithIcon(label: string, icon: string): string {
  if (!/[\p{L}\p{N}]/u.test(icon)) return label;
  return label.toLowerCase().startsWith(icon.toLowerCase()) ? label : `${label}, ${icon}`;
}
