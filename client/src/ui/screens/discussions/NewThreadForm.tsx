import { type CommunityId, type DomainError, LIMITS } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { paths } from '../../../router/routes';
import { navigate } from '../../../router/useRoute';
import { placeError, useErrorMessages } from '../../domainErrors';
import { Field } from '../../Field';
import { focusField } from '../CreateCommunityScreen';
import { displayNameMessages } from '../event/displayNameMessages';
import { discussionMessages } from './messages';

const FIELDS = ['title', 'text'] as const;

/** [DSC1] A subject and a first message, in one change; then the thread's page. */
export function NewThreadForm(props: { readonly id: CommunityId; readonly onCancel: () => void }) {
  const t = useMessages(discussionMessages);
  const nameT = useMessages(displayNameMessages);
  const errorT = useErrorMessages();
  const { repository, displayName } = useServices();
  const name = useStore(displayName);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<DomainError>();
  // No name on this device yet: it is asked in the same form (once).
  const [needsName] = useState(() => !name);
  const [newName, setNewName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const placed = placeError(errorT, error, FIELDS);

  const edit = (field: string, set: (value: string) => void) => (value: string) => {
    set(value);
    if (error?.field === field) setError(undefined);
  };

  function start() {
    const result = repository.change(props.id, { type: 'startThread', title, text });
    if (!result.ok) {
      setError(result.error);
      focusField(`thread-${result.error.field ?? 'title'}`);
      return;
    }
    if (result.value.type !== 'discussion' || !result.value.threadId)
      throw new Error('unexpected change outcome');
    navigate(paths.thread(props.id, result.value.threadId));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (needsName && !name && !displayName.save(newName)) {
      setNameError(nameT('displayName.required'));
      focusField('thread-display-name');
      return;
    }
    setNameError(undefined);
    start();
  }

  return (
    <form
      className="form thread-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="thread-new-title"
    >
      <h3 id="thread-new-title">{t('new.title')}</h3>
      <Field
        id="thread-title"
        testId="thread-title-input"
        label={t('new.subject')}
        hint={t('new.subjectHint')}
        value={title}
        onChange={edit('title', setTitle)}
        error={placed.byField.title}
        maxLength={LIMITS.threadTitle}
      />
      <Field
        id="thread-text"
        testId="thread-text-input"
        label={t('new.text')}
        value={text}
        onChange={edit('text', setText)}
        error={placed.byField.text}
        multiline
        maxLength={LIMITS.post}
      />
      {needsName ? (
        <Field
          id="thread-display-name"
          testId="display-name-input"
          label={nameT('displayName.title')}
          hint={nameT('displayName.hint')}
          value={newName}
          onChange={setNewName}
          error={nameError}
          maxLength={LIMITS.displayName}
          autoComplete="nickname"
        />
      ) : null}
      {placed.general ? (
        <p className="form-error" role="alert">
          {placed.general}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" data-testid="thread-submit">
          {t('new.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          {t('new.cancel')}
        </button>
      </div>
    </form>
  );
}
