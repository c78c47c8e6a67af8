import type { Attendance } from '@ensemble/shared';
import { useMessages } from '../../../i18n/featureMessages';
import { eventMessages } from './messages';

/** Confirmed, then the waitlist in its order, then the maybes. */
export function Attendees(props: {
  readonly attendance: Attendance;
  readonly nameOf: (id: string) => string;
}) {
  const t = useMessages(eventMessages);
  const { confirmed, waitlist, maybe } = props.attendance;
  return (
    <section className="event-section" aria-labelledby="attendees-title">
      <h2 id="attendees-title">{t('attendees.title')}</h2>
      <h3>{t('attendees.confirmed', { count: confirmed.length })}</h3>
      {confirmed.length === 0 ? (
        <p className="muted">{t('attendees.none')}</p>
      ) : (
        <ul className="people">
          {confirmed.map((id) => (
            <li key={id} data-testid="attendee-confirmed">
              {props.nameOf(id)}
            </li>
          ))}
        </ul>
      )}
      {waitlist.length > 0 ? (
        <>
          <h3>{t('attendees.waitlist', { count: waitlist.length })}</h3>
          <ol className="people people-waitlist">
            {waitlist.map((id) => (
              <li key={id} data-testid="attendee-waitlist">
                {props.nameOf(id)}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {maybe.length > 0 ? (
        <>
          <h3>{t('attendees.maybe', { count: maybe.length })}</h3>
          <ul className="people">
            {maybe.map((id) => (
              <li key={id} data-testid="attendee-maybe">
                {props.nameOf(id)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
