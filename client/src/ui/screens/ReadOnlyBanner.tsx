import { useI18n } from '../../i18n/I18nProvider';

/** A document written by a newer app: readable, never modified here. */
export function ReadOnlyBanner(props: { schemaVersion: number }) {
  const { t } = useI18n();
  return (
    <p className="banner banner-warning" data-testid="read-only" role="note">
      {t('community.readOnly', { version: props.schemaVersion })}
    </p>
  );
}
