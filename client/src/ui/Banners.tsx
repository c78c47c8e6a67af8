import { useStore } from '../app/hooks';
import { useServices } from '../app/services';
import { useI18n } from '../i18n/I18nProvider';

/** Over plain HTTP on a LAN address: say what is missing and why, and carry on. */
export function InsecureContextBanner() {
  const { t } = useI18n();
  const { secureContext } = useServices();
  if (secureContext) return null;
  return (
    <section
      className="banner banner-warning"
      data-testid="insecure-context"
      aria-labelledby="insecure-title"
    >
      <h2 id="insecure-title">{t('insecure.title')}</h2>
      <p>{t('insecure.body')}</p>
    </section>
  );
}

export function UpdatePrompt() {
  const { t } = useI18n();
  const { updates } = useServices();
  const available = useStore(updates.available);
  if (!available) return null;
  return (
    <div className="banner banner-info banner-row" data-testid="update-prompt" role="alert">
      <p>{t('update.available')}</p>
      <button type="button" data-testid="update-reload" onClick={() => updates.apply()}>
        {t('update.reload')}
      </button>
    </div>
  );
}

export function StorageProblemBanner() {
  const { t } = useI18n();
  const { storageProblem } = useServices();
  const reason = useStore(storageProblem);
  if (!reason) return null;
  return (
    <div className="banner banner-error banner-row" data-testid="storage-error" role="alert">
      <p>{t(`storage.${reason}`)}</p>
      <button
        type="button"
        className="button-secondary"
        onClick={() => storageProblem.set(undefined)}
      >
        {t('storage.dismiss')}
      </button>
    </div>
  );
}
