import type { CommunityChange, CommunityId, DomainError, ThreadId } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { DisplayNameForm } from '../event/DisplayNameForm';
import { discussionMessages } from './messages';

/** A reply at the end of a thread (a name is asked once, before a first message). */
export function ReplyForm(props: {
  readonly id: CommunityId;
  readonly threadId: ThreadId;
  readonly disabled: boolean;
  readonly apply: (change: CommunityChange) => DomainError | undefined;
}) {
  const t = useMessages(discussionMessages);
  const errorT = useErrorMessages();
  const name = useStore(useServices().displayName);
  const [text, setText] = useState('');
  const [error, setError] = useState<DomainError>();
  const [askName, setAskName] = useState(false);

  function reply() {
    const failure = props.apply({ type: 'replyToThread', threadId: props.threadId, text });
    setError(failure);
    if (!failure) setText('');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name && text.trim()) setAskName(true);
    else reply();
  }

  if (askName && !name)
    return (
      <DisplayNameForm
        id="reply-display-name"
        onSaved={() => {
          setAskName(false);
          reply();
        }}
      />
    );
  return (
    <form className="form comment-form" noValidate onSubmit={submit}>
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor="reply-text">{t('thread.reply')}</label>
        <textarea
          id="reply-text"
          data-testid="reply-input"
          rows={4}
          value={text}
          disabled={props.disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'reply-error' : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(undefined);
          }}
        />
        {error ? (
          <p className="field-error" id="reply-error">
            <span aria-hidden="true">⚠ </span>
            {domainErrorMessage(errorT, error)}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" data-testid="reply-submit" disabled={props.disabled}>
          {t('thread.replySubmit')}
        </button>
      </div>
    </form>
  );
}
