import type {
  CommentTarget,
  CommunityChange,
  CommunityId,
  DomainError,
  MemberId,
  Post,
} from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { LazyAttachments } from '../attachments/LazyAttachments';
import { DisplayNameForm } from '../event/DisplayNameForm';
import { commentMessages } from './messages';
import { PostEntry } from './PostEntry';

/**
 * [CMT1-3] The conversation on an event, an item or a project: add a comment, edit
 * or delete one's own (its placeholder keeps its place); organizers hide any.
 */
export function Comments(props: {
  readonly id: CommunityId;
  readonly target: CommentTarget;
  readonly comments: readonly Post[];
  readonly me: MemberId;
  readonly nameOf: (id: string) => string;
  readonly disabled: boolean;
  /** An organizer of a community with members may hide others' comments. */
  readonly moderator?: boolean;
}) {
  const m = useMessages(commentMessages);
  const errorT = useErrorMessages();
  const { repository, displayName } = useServices();
  const name = useStore(displayName);
  const [text, setText] = useState('');
  const [error, setError] = useState<DomainError>();
  const [askName, setAskName] = useState(false);

  const apply = (change: CommunityChange): DomainError | undefined => {
    const result = repository.change(props.id, change);
    return result.ok ? undefined : result.error;
  };

  function post() {
    const failure = apply({ type: 'addComment', target: props.target, text });
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
    <section className="comments-section" aria-labelledby="comments-title">
      <h2 id="comments-title">{m('title')}</h2>
      {props.comments.length === 0 ? (
        <p className="muted">{m('empty')}</p>
      ) : (
        <ul className="comments">
          {props.comments.map((comment) => (
            <PostEntry
              key={comment.id}
              post={comment}
              prefix="comment"
              mine={comment.author === props.me}
              moderator={props.moderator === true}
              author={props.nameOf(comment.author)}
              disabled={props.disabled}
              apply={apply}
              extra={
                comment.deleted || comment.hidden ? null : (
                  <LazyAttachments
                    id={props.id}
                    target={{ kind: 'post', postId: comment.id }}
                    me={props.me}
                    canAdd={!props.disabled && comment.author === props.me}
                    moderator={props.moderator === true}
                    compact
                  />
                )
              }
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
            <label htmlFor="comment-text">{m('label')}</label>
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
                {domainErrorMessage(errorT, error)}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" data-testid="comment-submit" disabled={props.disabled}>
              {m('submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
