import { useI18n } from '../i18n/I18nProvider';

/** Shown while a part of the app loaded on demand arrives (from the cache, offline). */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
