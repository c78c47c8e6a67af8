import { useMessages } from '../../../i18n/featureMessages';
import { useDocumentTitle } from '../../useDocumentTitle';
import { ExportSection } from './ExportSection';
import { InstallSection } from './InstallSection';
import { LanguageSection } from './LanguageSection';
import { settingsMessages } from './messages';
import { NameSection } from './NameSection';
import { RelaySection } from './RelaySection';
import { StorageSection } from './StorageSection';
import './settings.css';

/** `#/settings`: this device's language, name, relay, storage, installation and exports. */
export function SettingsScreen() {
  const t = useMessages(settingsMessages);
  useDocumentTitle(t('title'));
  return (
    <div className="settings">
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      <LanguageSection t={t} />
      <NameSection t={t} />
      <StorageSection t={t} />
      <InstallSection t={t} />
      <ExportSection t={t} />
      <RelaySection t={t} />
    </div>
  );
}
