import type { CommunityId } from '@ensemble/shared';
import { useRelayRefusal } from '../../app/hooks';
import { useI18n } from '../../i18n/I18nProvider';

/** The relay closed for good: say why, plainly (a stale app must reload). */
export function RelayRefusalBanner(props: { id: CommunityId }) {
  const { t } = useI18n();
  const refusal = useRelayRefusal(props.id);
  if (!refusal) return null;
  if (refusal.reason === 'client-too-old') {
    return (
      <div className="banner banner-warning banner-row" data-testid="relay-refused" role="alert">
        <p>{t('relay.client-too-old')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('update.reload')}
        </button>
      </div>
    );
  }
  if (refusal.reason === 'forbidden') {
    return (
      <p className="banner banner-warning" data-testid="relay-refused" role="alert">
        {t('relay.forbidden')}
      </p>
    );
  }
  if (refusal.reason === 'epoch-mismatch') {
    return (
      <p className="banner banner-warning" data-testid="relay-refused" role="alert">
        {t('relay.epoch-mismatch')}
      </p>
    );
  }
  return (
    <p className="banner banner-warning" data-testid="relay-refused" role="alert">
      {t('relay.refused', { reason: refusal.reason ?? String(refusal.code) })}
    </p>
  );
}
