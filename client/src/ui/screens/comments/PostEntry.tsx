import type { CommunityChange, DomainError, Post } from '@ensemble/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { commentMessages } from './messages';
import './comments.css';

/**
 * One message of a conversation (a comment or a thread's post): its author, its text,
 * and for its author "edit" and "delete" (a placeholder keeps its place, DSC3); for an
 * organizer "hide" / "show" (DSC4).
 */
export function PostEntry(props: {
  readonly post: Post;
  readonly mine: boolean;
  readonly moderator: boolean;
  readonly author: string;
  readonly disabled: boolean;
  /** Test ids and labels: `comment-item`, `comment-edit`… or `post-item`, `post-edit`… */
  readonly prefix: 'comment' | 'post';
  readonly time?: string | undefined;
  readonly apply: (change: CommunityChange) => DomainError | undefined;
  /** Shown under the text (a comment's photos and files). */
  readonly extra?: ReactNode;
}) {
  const m = useMessages(commentMessages);
  const errorT = useErrorMessages();
  const { post, prefix } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.text);
  const [error, setError] = useState<DomainError>();
  const gone = post.deleted || post.hidden;
  const editId = `${prefix}-edit-${post.id}`;

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const failure = props.apply({ type: 'editPost', postId: post.id, text: draft });
    setError(failure);
    if (!failure) setEditing(false);
  }

  return (
    <li className="comment" data-testid={`${prefix}-item`} data-deleted={gone ? 'true' : undefined}>
      <p className="comment-author">
        <span data-testid={`${prefix}-author`}>{props.author}</span>
        {props.time ? <span className="muted small"> · {props.time}</span> : null}
        {post.editedAt && !gone ? <span className="muted small"> · {m('edited')}</span> : null}
      </p>
      {gone ? (
        <p className="comment-text comment-deleted">{post.hidden ? m('hidden') : m('deleted')}</p>
      ) : editing ? (
        <form className="form" noValidate onSubmit={save}>
          <div className={error ? 'field field-invalid' : 'field'}>
            <label htmlFor={editId}>{m('editLabel')}</label>
            <textarea
              id={editId}
              data-testid={`${prefix}-edit-input`}
              rows={3}
              value={draft}
              aria-invalid={error ? true : undefined}
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" data-testid={`${prefix}-save`}>
              {m('save')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setEditing(false)}>
              {m('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">{post.text}</p>
      )}
      {editing ? null : props.extra}
      {!editing && (props.mine || props.moderator) ? (
        <div className="comment-actions">
          {props.mine && !gone ? (
            <>
              <button
                type="button"
                className="button-secondary"
                data-testid={`${prefix}-edit`}
                disabled={props.disabled}
                onClick={() => {
                  setDraft(post.text);
                  setError(undefined);
                  setEditing(true);
                }}
              >
                {m('edit')}
              </button>
              <button
                type="button"
                className="button-secondary"
                data-testid={`${prefix}-delete`}
                disabled={props.disabled}
                onClick={() =>
                  setError(props.apply({ type: 'setPostDeleted', postId: post.id, deleted: true }))
                }
              >
                {m('delete')}
              </button>
            </>
          ) : null}
          {props.mine && post.deleted ? (
            <button
              type="button"
              className="button-secondary"
              data-testid={`${prefix}-restore`}
              disabled={props.disabled}
              onClick={() =>
                setError(props.apply({ type: 'setPostDeleted', postId: post.id, deleted: false }))
              }
            >
              {m('restore')}
            </button>
          ) : null}
          {props.moderator && !post.deleted ? (
            <button
              type="button"
              className="button-secondary"
              data-testid={`${prefix}-hide`}
              disabled={props.disabled}
              onClick={() =>
                setError(
                  props.apply({ type: 'setPostHidden', postId: post.id, hidden: !post.hidden }),
                )
              }
            >
              {post.hidden ? m('show') : m('hide')}
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {domainErrorMessage(errorT, error)}
        </p>
      ) : null}
    </li>
  );
}
