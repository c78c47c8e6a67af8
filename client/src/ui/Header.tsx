import type { CommunityId } from '@ensemble/shared';
import { useI18n } from '../i18n/I18nProvider';
import { isLanguage } from '../i18n/i18n';
import { paths } from '../router/routes';
import { SyncBadge } from './SyncBadge';

const LANGUAGE_NAMES = { fr: 'Français', en: 'English' } as const;

export function Header(props: { communityId: CommunityId | undefined }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <header className="app-header">
      <a className="brand" href={paths.home()} aria-label={t('header.home')}>
        <img src="/favicon.svg" alt="" width="28" height="28" />
        <span>{t('app.name')}</span>
      </a>
      <div className="header-tools">
        <SyncBadge communityId={props.communityId} />
        <a className="header-settings" href={paths.settings()} data-testid="settings-link">
          {t('header.settings')}
        </a>
        <div className="language">
          <label htmlFor="language-select">{t('header.language')}</label>
          <select
            id="language-select"
            data-testid="language-select"
            value={language}
            onChange={(event) => {
              if (isLanguage(event.target.value)) setLanguage(event.target.value);
            }}
          >
            {(['fr', 'en'] as const).map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </header>
  );
}
