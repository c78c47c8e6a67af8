import type { CommunityId, EventId, Occurrence } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { eventMessages } from './messages';

/** The dates of a recurring event; cancelled ones are struck through. */
export function OccurrencePicker(props: {
  readonly communityId: CommunityId;
  readonly eventId: EventId;
  readonly timeZone: string;
  readonly occurrences: readonly Occurrence[];
  readonly chosen: string;
}) {
  const { language } = useI18n();
  const t = useMessages(eventMessages);
  const format = new Intl.DateTimeFormat(language, {
    timeZone: props.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
  return (
    <nav className="event-section occurrences" aria-labelledby="occurrences-title">
      <h2 id="occurrences-title">{t('eventPage.occurrences')}</h2>
      <ul className="occurrence-list">
        {props.occurrences.map((o) => {
          const label = format.format(new Date(o.start));
          return (
            <li key={o.key}>
              <a
                className={o.key === props.chosen ? 'occurrence occurrence-chosen' : 'occurrence'}
                data-testid="occurrence-link"
                aria-current={o.key === props.chosen ? 'page' : undefined}
                href={paths.event(props.communityId, props.eventId, o.key)}
              >
                {o.cancelled ? (
                  <>
                    <s>{label}</s>
                    <span className="occurrence-note">
                      {' '}
                      ({t('eventPage.occurrenceCancelledLabel')})
                    </span>
                  </>
                ) : (
                  label
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
