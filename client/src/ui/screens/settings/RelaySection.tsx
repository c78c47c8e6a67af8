import { type FormEvent, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { parseRelayUrl } from '../../../sync/relayUrl';
import { SettingsField } from './SettingsField';
import type { SettingsProps } from './settingsProps';

/** For self-hosters: the relay this device syncs through, checked before it is saved. */
export function RelaySection({ t }: SettingsProps) {
  const { relay } = useServices();
  const override = useStore(relay.override);
  const [draft, setDraft] = useState(override ?? '');
  const [error, setError] = useState<string>();
  const [changed, setChanged] = useState(false);
  const [failed, setFailed] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseRelayUrl(draft, window.location.protocol);
    if (!parsed.ok) {
      setError(t(`relay.error.${parsed.error}`));
      document.getElementById('settings-relay')?.focus();
      return;
    }
    setError(undefined);
    setDraft(parsed.value);
    apply(relay.save(parsed.value));
  }

  function apply(saving: Promise<void>) {
    setFailed(false);
    saving.then(
      () => setChanged(true),
      () => setFailed(true),
    );
  }

  return (
    <section className="settings-section" aria-labelledby="settings-relay-title">
      <h2 id="settings-relay-title">{t('relay.title')}</h2>
      <p>{t('relay.body')}</p>
      <p data-testid="settings-relay-current" className="settings-relay-current">
        {t('relay.current', { url: relay.url() })}{' '}
        <span className="muted">{override ? t('relay.customTag') : t('relay.defaultTag')}</span>
      </p>
      <form className="form" noValidate onSubmit={submit}>
        <SettingsField
          id="settings-relay"
          testId="settings-relay-input"
          label={t('relay.label')}
          hint={t('relay.hint')}
          value={draft}
          onChange={setDraft}
          error={error}
          maxLength={2000}
          autoComplete="url"
          type="url"
        />
        <div className="form-actions">
          <button type="submit" data-testid="settings-relay-save">
            {t('relay.save')}
          </button>
          {override ? (
            <button
              type="button"
              className="button-secondary"
              data-testid="settings-relay-reset"
              onClick={() => {
                setDraft('');
                setError(undefined);
                apply(relay.reset());
              }}
            >
              {t('relay.reset')}
            </button>
          ) : null}
        </div>
      </form>
      <div role="status" data-testid="settings-relay-status">
        {changed ? (
          <div className="banner banner-info banner-row">
            <p>{t('relay.applies')}</p>
            <button
              type="button"
              className="button-secondary"
              onClick={() => window.location.reload()}
            >
              {t('relay.reload')}
            </button>
          </div>
        ) : null}
        {failed ? <p className="form-error">{t('saveFailed')}</p> : null}
      </div>
    </section>
  );
}
