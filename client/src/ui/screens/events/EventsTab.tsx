import type { CommunityId } from '@ensemble/shared';
import { useState } from 'react';
import {
  DIGEST_PAST,
  DIGEST_UPCOMING,
  type EventCardData,
  type EventSections,
} from '../../../app/communityDigest';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { EventCard } from '../EventCard';
import { eventsMessages } from './messages';

/**
 * Cards drawn at first (as many as the community's digest holds, so nothing moves when
 * the document replaces it), then more on request: a community with thousands of
 * events stays quick to open.
 */
const FIRST_UPCOMING = DIGEST_UPCOMING;
const FIRST_PAST = DIGEST_PAST;
const MORE = 100;

/**
 * How the events tab can act: `opening` while only the community's digest is shown (its
 * document is still being read: adding waits for it), `read-only` for a newer document.
 */
export type EventsTabState = 'opening' | 'read-only' | 'ready';

/** The events tab: add an event, upcoming events, then past ones. */
export function EventsTab(props: {
  id: CommunityId;
  sections: EventSections<EventCardData>;
  state: EventsTabState;
}) {
  const { t } = useI18n();
  const m = useMessages(eventsMessages);
  const [upcomingShown, setUpcomingShown] = useState(FIRST_UPCOMING);
  const [pastShown, setPastShown] = useState(FIRST_PAST);
  const { upcoming, past } = props.sections;
  const opening = props.state === 'opening';
  return (
    <div className="tab-panel" data-testid="tab-events">
      <p>
        {props.state === 'ready' ? (
          <a className="button" data-testid="add-event" href={paths.addEvent(props.id)}>
            {t('community.addEvent')}
          </a>
        ) : (
          <button
            type="button"
            data-testid="add-event"
            disabled
            aria-describedby={opening ? 'events-opening' : undefined}
          >
            {t('community.addEvent')}
          </button>
        )}
      </p>
      {opening ? (
        <p id="events-opening" className="loading" data-testid="events-opening" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('community.loadingLocal')}
        </p>
      ) : null}

      <div
        data-testid="event-list"
        data-state={opening ? 'digest' : 'document'}
        aria-busy={opening}
        className="event-sections"
      >
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title">{t('community.upcoming')}</h2>
          {upcoming.length === 0 ? (
            <p className="muted">{t('community.noUpcoming')}</p>
          ) : (
            <ul className="card-list">
              {upcoming.slice(0, upcomingShown).map((event) => (
                <li key={event.id}>
                  <EventCard communityId={props.id} event={event} />
                </li>
              ))}
            </ul>
          )}
          {upcoming.length > upcomingShown ? (
            <p>
              <button
                type="button"
                className="button-secondary"
                data-testid="more-upcoming"
                onClick={() => setUpcomingShown(upcomingShown + MORE)}
              >
                {m('more.upcoming', { count: upcoming.length - upcomingShown })}
              </button>
            </p>
          ) : null}
        </section>
        {past.length > 0 ? (
          <section aria-labelledby="past-title">
            <h2 id="past-title">{t('community.past')}</h2>
            <ul className="card-list card-list-past">
              {past.slice(0, pastShown).map((event) => (
                <li key={event.id}>
                  <EventCard communityId={props.id} event={event} />
                </li>
              ))}
            </ul>
            {past.length > pastShown ? (
              <p>
                <button
                  type="button"
                  className="button-secondary"
                  data-testid="more-past"
                  onClick={() => setPastShown(pastShown + MORE)}
                >
                  {m('more.past', { count: past.length - pastShown })}
                </button>
              </p>
            ) : null}
          </section>
        ) : null}
      </div>
    </div>
  );
}
