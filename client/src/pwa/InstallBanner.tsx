import { useServices } from '../app/services';
import { useMessages } from '../i18n/featureMessages';
import type { InstallOffer } from './InstallPrompt';
import { installMessages } from './messages';
import './install.css';

/** The install offer itself: the browser's dialog, or the iOS Share-menu steps. */
export function InstallBanner(props: { readonly offer: Exclude<InstallOffer, 'none'> }) {
  const t = useMessages(installMessages);
  const { install } = useServices();
  return (
    <section
      className="banner banner-info install-hint"
      data-testid="install-hint"
      aria-labelledby="install-hint-title"
    >
      <h2 id="install-hint-title">{t('title')}</h2>
      <p>{props.offer === 'ios' ? t('ios') : t('body')}</p>
      <div className="install-actions">
        {props.offer === 'prompt' ? (
          <button
            type="button"
            data-testid="install-app"
            onClick={() => {
              install.install().catch(() => undefined);
            }}
          >
            {t('install')}
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          data-testid="install-dismiss"
          aria-label={t('dismissLabel')}
          onClick={() => install.dismiss()}
        >
          {t('dismiss')}
        </button>
      </div>
    </section>
  );
}
