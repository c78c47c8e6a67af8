import { type FormEvent, useEffect, useRef, useState } from 'react';
import { DISPLAY_NAME_MAX } from '../../../app/DisplayName';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { Field } from '../../Field';
import { displayNameMessages } from './displayNameMessages';

/** Asks once for the name shown with one's answers and messages; then calls `onSaved`. */
export function DisplayNameForm(props: {
  /** Unique on the page (two forms may ask at once). */
  readonly id: string;
  readonly onSaved: () => void;
  /** Default true: the form appears because the person just acted, so it takes the focus. */
  readonly autoFocus?: boolean;
}) {
  const t = useMessages(displayNameMessages);
  const { displayName } = useServices();
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // It appears because the person just acted: take them to it.
  const { autoFocus = true } = props;
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!displayName.save(name)) {
      setError(t('displayName.required'));
      document.getElementById(props.id)?.focus();
      return;
    }
    props.onSaved();
  }

  return (
    <form className="form display-name-form" noValidate onSubmit={submit}>
      <Field
        id={props.id}
        testId="display-name-input"
        label={t('displayName.title')}
        hint={t('displayName.hint')}
        value={name}
        onChange={setName}
        error={error}
        maxLength={DISPLAY_NAME_MAX}
        autoComplete="nickname"
        inputRef={input}
      />
      <div className="form-actions">
        <button type="submit" data-testid="display-name-save">
          {t('displayName.save')}
        </button>
      </div>
    </form>
  );
}
