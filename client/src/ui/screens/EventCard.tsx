import type { CommunityId } from '@ensemble/shared';
import type { EventCardData } from '../../app/communityDigest';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { browserTimeZone, formatEventTime } from '../../time/datetime';

/** An event: title (a link to its page), when (viewer's language, event's time zone) and where. */
export function EventCard(props: { communityId: CommunityId; event: EventCardData }) {
  const { t, language } = useI18n();
  const { event } = props;
  const otherZone = event.timeZone !== browserTimeZone();
  return (
    <article className="card" data-testid="event-item">
      <h3 className="card-title">
        <a
          className="event-card-link"
          data-testid="event-link"
          href={paths.event(props.communityId, event.id)}
        >
          {event.title}
        </a>
      </h3>
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
