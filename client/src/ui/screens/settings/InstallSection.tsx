import { useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import type { SettingsProps } from './settingsProps';

/** Installing the app from the settings (also after "not now" on the home screen). */
export function InstallSection({ t }: SettingsProps) {
  const { install } = useServices();
  const offer = useStore(install.available);
  const [installed, setInstalled] = useState(false);
  return (
    <section className="settings-section" aria-labelledby="settings-install-title">
      <h2 id="settings-install-title">{t('install.title')}</h2>
      <p>{t('install.body')}</p>
      {installed ? (
        <p role="status">{t('install.done')}</p>
      ) : offer === 'prompt' ? (
        <button
          type="button"
          data-testid="settings-install"
          onClick={() => {
            install.install().then(setInstalled, () => setInstalled(false));
          }}
        >
          {t('install.button')}
        </button>
      ) : offer === 'ios' ? (
        <p data-testid="settings-install-ios">{t('install.ios')}</p>
      ) : (
        <p className="muted">{t('install.none')}</p>
      )}
    </section>
  );
}
