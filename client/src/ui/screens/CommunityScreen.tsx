import { type CommunityId, hasMembership } from '@ensemble/shared';
import { Suspense, useMemo } from 'react';
import { digestSections, eventSections } from '../../app/communityDigest';
import { useCommunity, useCommunityDigest, useSyncStatus } from '../../app/hooks';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { CommunityTab } from '../../router/routes';
import { lazyScreen } from '../lazyScreen';
import { useDocumentTitle } from '../useDocumentTitle';
import { CommunityTabs, TabPanel } from './CommunityTabs';
import { EventsTab } from './events/EventsTab';
import { LazyFileTransfer as FileTransfer } from './LazyFileTransfer';
import { LazyCommunityPresence } from './presence/LazyCommunityPresence';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { RelayRefusalBanner } from './RelayRefusalBanner';

const JoinPanel = lazyScreen(() =>
  import('./members/JoinPanel').then((module) => module.JoinPanel),
);
// Below the events: its invites code loads after them.
const ShareLink = lazyScreen(() => import('./ShareLink').then((module) => module.ShareLink), {
  writes: false,
});

export function CommunityScreen(props: { id: CommunityId; tab: CommunityTab }) {
  const { t } = useI18n();
  const { repository } = useServices();
  const view = useCommunity(props.id);
  const digest = useCommunityDigest(props.id);
  const sync = useSyncStatus(props.id);
  const live = view.status === 'ready' ? view : undefined;
  // While the document is read, the events tab shows the community's stored digest.
  const preview =
    view.status === 'opening' && props.tab === CommunityTab.events ? digest : undefined;
  const snapshot = live?.snapshot;
  useDocumentTitle(snapshot?.profile.name ?? preview?.profile.name ?? t('community.loadingTitle'));
  const sections = useMemo(() => {
    const now = new Date();
    if (snapshot) return eventSections(snapshot, now);
    return preview ? digestSections(preview, now) : undefined;
  }, [snapshot, preview]);

  const profile = snapshot?.profile ?? preview?.profile;
  if (!profile || !sections) {
    const message =
      view.status === 'opening'
        ? t('community.loadingLocal')
        : sync === 'offline'
          ? t('community.loadingOffline')
          : sync === 'unreachable'
            ? t('community.loadingUnreachable')
            : sync === 'synced'
              ? t('community.notOnRelay')
              : t('community.loadingRelay');
    return (
      <>
        <h1 tabIndex={-1} data-testid="community-loading">
          {view.status === 'waiting' && sync === 'synced'
            ? t('community.unavailableTitle')
            : t('community.loadingTitle')}
        </h1>
        <RelayRefusalBanner id={props.id} />
        <p className="loading" aria-live="polite">
          {view.status === 'opening' || sync === 'connecting' || sync === 'syncing' ? (
            <span className="spinner" aria-hidden="true" />
          ) : null}
          {message}
        </p>
      </>
    );
  }

  // The same tree from the digest and from the document: what is on screen stays in place
  // (and keeps focus) when the document replaces the digest.
  const readOnly = live?.access.mode === 'read-only';
  const me = repository.selfIn(props.id);
  const outsider =
    live !== undefined &&
    hasMembership(live.document) &&
    !live.snapshot.members.some((member) => member.id === me);
  return (
    <>
      <h1 tabIndex={-1} data-testid="community-title">
        {profile.name}
      </h1>
      {profile.city ? <p className="community-city">{profile.city}</p> : null}
      <LazyCommunityPresence id={props.id} />
      <RelayRefusalBanner id={props.id} />
      {live?.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={live.access.schemaVersion} />
      ) : null}
      {profile.description ? <p className="community-description">{profile.description}</p> : null}

      {live && outsider && !readOnly ? (
        <Suspense fallback={null}>
          <JoinPanel id={props.id} snapshot={live.snapshot} />
        </Suspense>
      ) : null}
      <CommunityTabs id={props.id} current={props.tab} />
      {props.tab === CommunityTab.events ? (
        <EventsTab
          id={props.id}
          sections={sections}
          state={!live ? 'opening' : readOnly ? 'read-only' : 'ready'}
        />
      ) : live ? (
        <TabPanel
          id={props.id}
          tab={props.tab}
          snapshot={live.snapshot}
          document={live.document}
          readOnly={readOnly}
        />
      ) : null}

      {live ? (
        <Suspense fallback={null}>
          <ShareLink id={props.id} document={live.document} isMember={!outsider} />
        </Suspense>
      ) : null}
      {live ? <FileTransfer id={props.id} /> : null}
    </>
  );
}
