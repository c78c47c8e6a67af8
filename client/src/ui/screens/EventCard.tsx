import type { CommunityEvent } from '@ensemble/shared';
import { useI18n } from '../../i18n/I18nProvider';
import { browserTimeZone, formatEventTime } from '../../time/datetime';

/** An event: title, when (viewer's language, event's time zone) and where. */
export function EventCard(props: { event: CommunityEvent }) {
  const { t, language } = useI18n();
  const { event } = props;
  const otherZone = event.timeZone !== browserTimeZone();
  return (
    <article className="card" data-testid="event-item">
      <h3 className="card-title">{event.title}</h3>
      <p className="card-meta">
        <time dateTime={event.start}>
          {formatEventTime(event.start, event.end, event.timeZone, language)}
        </time>
        {otherZone ? (
          <span className="muted"> ({t('event.timeZone', { timeZone: event.timeZone })})</span>
        ) : null}
      </p>
      {event.place ? <p className="card-meta">{t('event.in', { place: event.place })}</p> : null}
    </article>
  );
}
