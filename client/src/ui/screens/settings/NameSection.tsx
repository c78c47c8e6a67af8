import { type FormEvent, useState } from 'react';
import { DISPLAY_NAME_MAX } from '../../../app/DisplayName';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { SettingsField } from './SettingsField';
import type { SettingsProps } from './settingsProps';

/** The name shown with this person's RSVPs and comments (asked once elsewhere, changed here). */
export function NameSection({ t }: SettingsProps) {
  const { displayName } = useServices();
  const current = useStore(displayName);
  const [draft, setDraft] = useState<string>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const value = draft ?? current;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!displayName.save(value)) {
      setError(t('name.required'));
      setSaved(false);
      document.getElementById('settings-name')?.focus();
      return;
    }
    setError(undefined);
    setDraft(undefined);
    setSaved(true);
  }

  return (
    <section className="settings-section" aria-labelledby="settings-name-title">
      <h2 id="settings-name-title">{t('name.title')}</h2>
      <form className="form" noValidate onSubmit={submit}>
        <SettingsField
          id="settings-name"
          testId="settings-name"
          label={t('name.label')}
          hint={t('name.hint')}
          value={value}
          onChange={(next) => {
            setDraft(next);
            setSaved(false);
          }}
          error={error}
          maxLength={DISPLAY_NAME_MAX}
          autoComplete="nickname"
        />
        <div className="form-actions">
          <button type="submit" data-testid="settings-name-save">
            {t('name.save')}
          </button>
        </div>
        <p className="settings-status" role="status" data-testid="settings-name-status">
          {saved ? t('saved') : ''}
        </p>
      </form>
    </section>
  );
}
