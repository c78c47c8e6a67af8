import type { CommunityId } from '@ensemble/shared';
import type { EventCardData, EventSections } from '../../app/communityDigest';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { EventCard } from './EventCard';

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
  );
}
