import type { CommunityId } from '@ensemble/shared';
import { useStore, useSyncProgress, useSyncStatus } from '../app/hooks';
import { useServices } from '../app/services';
import type { MessageKey } from '../i18n/fr';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoment } from '../time/datetime';
import type { ReadableStore } from '../util/ValueStore';

const LABELS: Record<ReturnType<typeof useSyncStatus>, MessageKey> = {
  offline: 'sync.offline',
  connecting: 'sync.connecting',
  syncing: 'sync.syncing',
  synced: 'sync.synced',
  online: 'sync.online',
  unreachable: 'sync.unreachable',
  'too-old': 'sync.tooOld',
  refused: 'sync.refused',
};

const none = { peers: 0 };
const noPeers: ReadableStore<{ peers: number }> = {
  get: () => none,
  subscribe: () => () => undefined,
};

/**
 * Always visible: the open community's sync state, or the network state on the home screen.
 * `data-state` is the relay's state; devices syncing directly (WebRTC) are added to it, and
 * while not in sync, the changes not yet sent and when the relay last had everything.
 */
export function SyncBadge(props: { communityId: CommunityId | undefined }) {
  const { t, language } = useI18n();
  const { repository } = useServices();
  const state = useSyncStatus(props.communityId);
  const { peers } = useStore(
    props.communityId ? repository.directSync(props.communityId) : noPeers,
  );
  const { pending, lastSyncedAt } = useSyncProgress(props.communityId);
  const behind = state !== 'synced' && state !== 'online';
  const showPending = behind && pending > 0;
  const lastSynced =
    behind && lastSyncedAt !== undefined
      ? t('sync.lastSynced', { time: formatMoment(lastSyncedAt, language) })
      : undefined;
  return (
    <div
      role="status"
      aria-live="polite"
      className={`sync-badge sync-${state}${peers > 0 ? ' sync-direct' : ''}`}
      data-testid="sync-status"
      data-state={state}
      data-peers={peers}
      data-pending={showPending ? pending : 0}
      title={lastSynced}
    >
      <SyncIcon state={state} />
      <span>{t(LABELS[state])}</span>
      {showPending ? (
        <>
          <span aria-hidden="true" data-testid="sync-pending">
            {t('sync.pending', { count: pending })}
          </span>
          <span className="visually-hidden">
            {pending === 1 ? t('sync.pendingOne') : t('sync.pendingMany', { count: pending })}
          </span>
        </>
      ) : null}
      {lastSynced && lastSyncedAt !== undefined ? (
        <>
          <span aria-hidden="true" className="sync-when" data-testid="sync-last">
            · {formatMoment(lastSyncedAt, language)}
          </span>
          <span className="visually-hidden">{lastSynced}</span>
        </>
      ) : null}
      {peers > 0 ? (
        <>
          <span aria-hidden="true">{t('sync.direct', { count: peers })}</span>
          <span className="visually-hidden">
            {peers === 1 ? t('sync.directOne') : t('sync.directMany', { count: peers })}
          </span>
        </>
      ) : null}
    </div>
  );
}

function SyncIcon({ state }: { state: ReturnType<typeof useSyncStatus> }) {
  const spinning = state === 'syncing' || state === 'connecting';
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={spinning ? 'spin' : undefined}
    >
      <SyncIconShape state={state} />
    </svg>
  );
}

function SyncIconShape({ state }: { state: ReturnType<typeof useSyncStatus> }) {
  switch (state) {
    case 'synced':
      return <path d="M4 12.5l5 5L20 6.5" />;
    case 'syncing':
    case 'connecting':
      return (
        <>
          <path d="M20 12a8 8 0 1 1-2.34-5.66" />
          <path d="M20 4v5h-5" />
        </>
      );
    case 'online':
      return <circle cx="12" cy="12" r="5" fill="currentColor" />;
    default:
      return (
        <>
          <circle cx="12" cy="12" r="8" />
          <path d="M6.5 17.5l11-11" />
        </>
      );
  }
}
