import type { DomainError, MemberId, Post, PostId } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useI18n } from '../../../i18n/I18nProvider';
import { domainErrorMessage } from '../../domainErrors';
import { DisplayNameForm } from './DisplayNameForm';

export interface CommentActions {
  readonly add: (text: string) => DomainError | undefined;
  readonly edit: (postId: PostId, text: string) => DomainError | undefined;
  readonly remove: (postId: PostId) => DomainError | undefined;
}

/** [CMT1-3] The event's conversation: add, edit one's own, delete one's own (placeholder stays). */
export function Comments(props: {
  readonly comments: readonly Post[];
  readonly me: MemberId;
  readonly nameOf: (id: string) => string;
  readonly disabled: boolean;
  readonly actions: CommentActions;
}) {
  const { t } = useI18n();
  const name = useStore(useServices().displayName);
  const [text, setText] = useState('');
  const [error, setError] = useState<DomainError>();

  const [askName, setAskName] = useState(false);

  function post() {
    const failure = props.actions.add(text);
    setError(failure);
    if (!failure) setText('');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The first message from this device: ask for a name, then post.
    if (!name && text.trim()) setAskName(true);
    else post();
  }

  return (
    <section className="event-section" aria-labelledby="comments-title">
      <h2 id="comments-title">{t('comments.title')}</h2>
      {props.comments.length === 0 ? (
        <p className="muted">{t('comments.empty')}</p>
      ) : (
        <ul className="comments">
          {props.comments.map((post) => (
            <CommentItem
              key={post.id}
              post={post}
              mine={post.author === props.me}
              author={props.nameOf(post.author)}
              disabled={props.disabled}
              actions={props.actions}
            />
          ))}
        </ul>
      )}
      {askName && !name ? (
        <DisplayNameForm
          id="comment-display-name"
          onSaved={() => {
            setAskName(false);
            post();
          }}
        />
      ) : (
        <form className="form comment-form" noValidate onSubmit={submit}>
          <div className={error ? 'field field-invalid' : 'field'}>
            <label htmlFor="comment-text">{t('comments.label')}</label>
            <textarea
              id="comment-text"
              data-testid="comment-input"
              rows={3}
              value={text}
              disabled={props.disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'comment-error' : undefined}
              onChange={(event) => setText(event.target.value)}
            />
            {error ? (
              <p className="field-error" id="comment-error">
                <span aria-hidden="true">⚠ </span>
                {domainErrorMessage(t, error)}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" data-testid="comment-submit" disabled={props.disabled}>
              {t('comments.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function CommentItem(props: {
  readonly post: Post;
  readonly mine: boolean;
  readonly author: string;
  readonly disabled: boolean;
  readonly actions: CommentActions;
}) {
  const { t } = useI18n();
  const { post } = props;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(post.text);
  const [error, setError] = useState<DomainError>();
  const gone = post.deleted || post.hidden;
  const editId = `comment-edit-${post.id}`;

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const failure = props.actions.edit(post.id, draft);
    setError(failure);
    if (!failure) setEditing(false);
  }

  return (
    <li className="comment" data-testid="comment-item" data-deleted={gone ? 'true' : undefined}>
      <p className="comment-author">
        {props.author}
        {post.editedAt && !gone ? (
          <span className="muted small"> · {t('comments.edited')}</span>
        ) : null}
      </p>
      {gone ? (
        <p className="comment-text comment-deleted">{t('comments.deleted')}</p>
      ) : editing ? (
        <form className="form" noValidate onSubmit={save}>
          <div className="field">
            <label htmlFor={editId}>{t('comments.editLabel')}</label>
            <textarea
              id={editId}
              data-testid="comment-edit-input"
              rows={3}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" data-testid="comment-save">
              {t('comments.save')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">{post.text}</p>
      )}
      {props.mine && !gone && !editing ? (
        <div className="comment-actions">
          <button
            type="button"
            className="button-secondary"
            data-testid="comment-edit"
            disabled={props.disabled}
            onClick={() => {
              setDraft(post.text);
              setEditing(true);
            }}
          >
            {t('comments.edit')}
          </button>
          <button
            type="button"
            className="button-secondary"
            data-testid="comment-delete"
            disabled={props.disabled}
            onClick={() => setError(props.actions.remove(post.id))}
          >
            {t('comments.delete')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {domainErrorMessage(t, error)}
        </p>
      ) : null}
    </li>
  );
}
