import type { CommunityId } from '@ensemble/shared';
import { useId } from 'react';
import { useRelayRefusal, useStore, useSyncStatus } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { pairMessages } from './messages';

/** Each path this community syncs through: the relay, devices reached directly, files. */
export function SyncPaths(props: { id: CommunityId }) {
  const t = useMessages(pairMessages);
  const { language } = useI18n();
  const { repository } = useServices();
  const headingId = useId();
  const relay = useSyncStatus(props.id);
  const refusal = useRelayRefusal(props.id);
  const { peers, lastImportAt } = useStore(repository.directSync(props.id));
  const relayText =
    refusal?.detail === 'no-capability'
      ? t('relayNone')
      : relay === 'synced' || relay === 'syncing'
        ? t('relayConnected')
        : relay === 'connecting'
          ? t('relayConnecting')
          : t('relayUnreachable');
  const imported = lastImportAt
    ? new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
        lastImportAt,
      )
    : t('never');
  return (
    <section className="sync-paths" aria-labelledby={headingId} data-testid="sync-paths">
      <h2 id={headingId}>{t('statusTitle')}</h2>
      <dl>
        <dt>{t('relay')}</dt>
        <dd data-testid="sync-paths-relay">{relayText}</dd>
        <dt>{t('peers')}</dt>
        <dd data-testid="sync-paths-peers">{peers}</dd>
        <dt>{t('lastImport')}</dt>
        <dd data-testid="sync-paths-import">{imported}</dd>
      </dl>
    </section>
  );
}
