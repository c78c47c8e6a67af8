import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import type { SettingsProps } from './settingsProps';
import {
  formatBytes,
  readStorageFacts,
  requestPersistence,
  type StorageFacts,
} from './storageUsage';

type Asked = 'granted' | 'refused' | undefined;

/** How much room the app takes, and whether the browser promises to keep it. */
export function StorageSection({ t }: SettingsProps) {
  const { language } = useI18n();
  const [facts, setFacts] = useState<StorageFacts>();
  const [asked, setAsked] = useState<Asked>();

  const refresh = useCallback(() => {
    readStorageFacts().then(setFacts, () =>
      setFacts({ usage: undefined, quota: undefined, persisted: undefined, canPersist: false }),
    );
  }, []);
  useEffect(refresh, [refresh]);

  function persist() {
    requestPersistence().then(
      (granted) => {
        setAsked(granted ? 'granted' : 'refused');
        refresh();
      },
      () => setAsked('refused'),
    );
  }

  const usage = facts?.usage;
  const quota = facts?.quota;
  return (
    <section className="settings-section" aria-labelledby="settings-storage-title">
      <h2 id="settings-storage-title">{t('storage.title')}</h2>
      <p data-testid="settings-storage-usage">
        {facts === undefined
          ? '…'
          : usage === undefined
            ? t('storage.unknown')
            : quota
              ? t('storage.usage', {
                  used: formatBytes(usage, language),
                  quota: formatBytes(quota, language),
                })
              : t('storage.usageOnly', { used: formatBytes(usage, language) })}
      </p>
      <p data-testid="settings-storage-persisted" data-persisted={String(facts?.persisted)}>
        {facts === undefined
          ? ''
          : facts.persisted === true
            ? t('storage.persisted')
            : facts.persisted === false
              ? t('storage.notPersisted')
              : t('storage.persistUnknown')}
      </p>
      <div className="form-actions">
        {facts?.canPersist && facts.persisted !== true ? (
          <button type="button" data-testid="settings-storage-persist" onClick={persist}>
            {t('storage.persist')}
          </button>
        ) : null}
        <button type="button" className="button-secondary" onClick={refresh}>
          {t('storage.refresh')}
        </button>
      </div>
      <p role="status" data-testid="settings-storage-asked">
        {asked === 'granted'
          ? t('storage.persistGranted')
          : asked === 'refused'
            ? t('storage.persistRefused')
            : ''}
      </p>
    </section>
  );
}
