import {
  type CommunityId,
  type CommunitySnapshot,
  hasMembership,
  upcomingEvents,
} from '@ensemble/shared';
import { Suspense, useMemo } from 'react';
import { useCommunity, useSyncStatus } from '../../app/hooks';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { CommunityTab, paths } from '../../router/routes';
import { lazyScreen } from '../lazyScreen';
import { useDocumentTitle } from '../useDocumentTitle';
import { CommunityTabs, TabPanel } from './CommunityTabs';
import { EventCard } from './EventCard';
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
  const sync = useSyncStatus(props.id);
  const snapshot = view.status === 'ready' ? view.snapshot : undefined;
  useDocumentTitle(snapshot?.profile.name ?? t('community.loadingTitle'));
  const { upcoming, past } = useMemo(() => splitEvents(snapshot), [snapshot]);

  if (view.status !== 'ready') {
    const message =
      view.status === 'opening'
        ? t('community.loadingLocal')
        : sync === 'offline'
          ? t('community.loadingOffline')
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

  const readOnly = view.access.mode === 'read-only';
  const { profile } = view.snapshot;
  const me = repository.selfIn(props.id);
  const outsider =
    hasMembership(view.document) && !view.snapshot.members.some((member) => member.id === me);
  return (
    <>
      <h1 tabIndex={-1} data-testid="community-title">
        {profile.name}
      </h1>
      {profile.city ? <p className="community-city">{profile.city}</p> : null}
      <LazyCommunityPresence id={props.id} />
      <RelayRefusalBanner id={props.id} />
      {view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      {profile.description ? <p className="community-description">{profile.description}</p> : null}

      {outsider && !readOnly ? (
        <Suspense fallback={null}>
          <JoinPanel id={props.id} snapshot={view.snapshot} />
        </Suspense>
      ) : null}
      <CommunityTabs id={props.id} current={props.tab} />
      {props.tab === CommunityTab.events ? (
        <div className="tab-panel" data-testid="tab-events">
          <p>
            {readOnly ? (
              <button type="button" data-testid="add-event" disabled>
                {t('community.addEvent')}
              </button>
            ) : (
              <a className="button" data-testid="add-event" href={paths.addEvent(props.id)}>
                {t('community.addEvent')}
              </a>
            )}
          </p>

          <div data-testid="event-list" className="event-sections">
            <section aria-labelledby="upcoming-title">
              <h2 id="upcoming-title">{t('community.upcoming')}</h2>
              {upcoming.length === 0 ? (
                <p className="muted">{t('community.noUpcoming')}</p>
              ) : (
                <ul className="card-list">
                  {upcoming.map((event) => (
                    <li key={event.id}>
                      <EventCard communityId={props.id} event={event} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {past.length > 0 ? (
              <section aria-labelledby="past-title">
                <h2 id="past-title">{t('community.past')}</h2>
                <ul className="card-list card-list-past">
                  {past.map((event) => (
                    <li key={event.id}>
                      <EventCard communityId={props.id} event={event} />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
        </div>
      ) : (
        <TabPanel
          id={props.id}
          tab={props.tab}
          snapshot={view.snapshot}
          document={view.document}
          readOnly={readOnly}
        />
      )}

      <Suspense fallback={null}>
        <ShareLink id={props.id} document={view.document} isMember={!outsider} />
      </Suspense>
      <FileTransfer id={props.id} />
    </>
  );
}

/** Upcoming soonest first, past most recent first. */
function splitEvents(snapshot: CommunitySnapshot | undefined) {
  if (!snapshot) return { upcoming: [], past: [] };
  const upcoming = upcomingEvents(snapshot, new Date());
  const upcomingIds = new Set(upcoming.map((event) => event.id));
  const past = snapshot.events.filter((event) => !upcomingIds.has(event.id)).reverse();
  return { upcoming, past };
}
