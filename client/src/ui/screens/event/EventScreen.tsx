import type {
  CommunityChange,
  CommunityId,
  DomainError,
  EventId,
  MemberId,
} from '@ensemble/shared';
import { useMemo, useState } from 'react';
import { useCommunity } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useI18n } from '../../../i18n/I18nProvider';
import { paths } from '../../../router/routes';
import { browserTimeZone, formatEventTime } from '../../../time/datetime';
import { optionalPart } from '../../optionalPart';
import { useDocumentTitle } from '../../useDocumentTitle';
import { LazyAttachments } from '../attachments/LazyAttachments';
import { Comments } from '../comments/Comments';
import { ReadOnlyBanner } from '../ReadOnlyBanner';
import { RelayRefusalBanner } from '../RelayRefusalBanner';
import { Attendees } from './Attendees';
import { CheckInPanel } from './CheckInPanel';
import { downloadEventCalendar } from './calendarFile';
import {
  canOrganize,
  capacityText,
  chooseOccurrence,
  personName,
  pickerOccurrences,
  recurrenceText,
} from './eventView';
import { OccurrencePicker } from './OccurrencePicker';
import { RsvpPanel } from './RsvpPanel';
import { useEventDetails } from './useEventDetails';
import './event.css';
import { useMessages } from '../../../i18n/featureMessages';
import { displayNameMessages } from './displayNameMessages';
import { eventMessages } from './messages';

// The entry code and its scanner carry the QR libraries: loaded when shown.
const MyCheckInCode = optionalPart(() =>
  import('./CheckInCodes').then((module) => module.MyCheckInCode),
);
const CheckInScanner = optionalPart(() =>
  import('./CheckInCodes').then((module) => module.CheckInScanner),
);

/** An event's page: details, my RSVP, attendees, comments, calendar file, door check-in. */
export function EventScreen(props: { id: CommunityId; eventId: EventId; occurrence: string }) {
  const { t: shell, language } = useI18n();
  const t = useMessages(eventMessages);
  const names = useMessages(displayNameMessages);
  const { repository } = useServices();
  const view = useCommunity(props.id);
  const snapshot = view.status === 'ready' ? view.snapshot : undefined;
  const event = snapshot?.events.find((e) => e.id === props.eventId);
  // "Next occurrence" is measured from when the page opened, so the page does not jump.
  const [now] = useState(() => new Date());
  const chosen = useMemo(
    () => (event ? chooseOccurrence(event, props.occurrence, now) : undefined),
    [event, props.occurrence, now],
  );
  const details = useEventDetails(props.id, view, props.eventId, chosen?.key);
  const [checkInMode, setCheckInMode] = useState(false);
  useDocumentTitle(event?.title ?? shell('community.loadingTitle'));

  const back = (
    <p className="back-link">
      <a href={paths.community(props.id)}>
        ← {shell('common.backTo', { name: snapshot?.profile.name ?? '…' })}
      </a>
    </p>
  );
  if (view.status !== 'ready' || !snapshot) {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-testid="event-loading">
          {shell('community.loadingTitle')}
        </h1>
        <RelayRefusalBanner id={props.id} />
      </>
    );
  }
  if (!event || !chosen) {
    return (
      <>
        {back}
        <h1 tabIndex={-1}>{t('eventPage.notFoundTitle')}</h1>
        <p>{t('eventPage.notFoundBody')}</p>
      </>
    );
  }

  const me = repository.selfIn(props.id);
  const readOnly = view.access.mode === 'read-only';
  const closed = event.cancelled || chosen.cancelled;
  const organizer = canOrganize(snapshot, event, me);
  const nameOf = (id: string) => personName(names, snapshot, id, me);
  const apply = (change: CommunityChange): DomainError | undefined => {
    const result = repository.change(props.id, change);
    return result.ok ? undefined : result.error;
  };
  const occurrence = chosen.key;
  const seats = capacityText(t, event.capacity, details.attendance.confirmed.length);
  const picker = pickerOccurrences(event, now, occurrence);

  return (
    <>
      {back}
      <h1 tabIndex={-1} data-testid="event-title-heading">
        {event.title}
      </h1>
      <RelayRefusalBanner id={props.id} />
      {view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      {closed ? (
        <p className="banner banner-warning" role="status" data-testid="event-cancelled">
          {event.cancelled ? t('eventPage.cancelled') : t('eventPage.occurrenceCancelled')}
        </p>
      ) : null}

      <dl className="event-facts">
        <dt>{t('eventPage.when')}</dt>
        <dd>
          <time dateTime={chosen.start} data-testid="event-when">
            {formatEventTime(chosen.start, chosen.end, event.timeZone, language)}
          </time>
          {event.timeZone !== browserTimeZone() ? (
            <span className="muted">
              {' '}
              ({shell('event.timeZone', { timeZone: event.timeZone })})
            </span>
          ) : null}
        </dd>
        {event.recurrence ? (
          <>
            <dt>{t('eventPage.repeats')}</dt>
            <dd>{recurrenceText(t, event, language)}</dd>
          </>
        ) : null}
        {event.place ? (
          <>
            <dt>{t('eventPage.where')}</dt>
            <dd>{event.place}</dd>
          </>
        ) : null}
        {seats ? (
          <>
            <dt>{t('eventPage.seats')}</dt>
            <dd data-testid="event-seats">{seats}</dd>
          </>
        ) : null}
      </dl>
      {event.description ? <p className="event-description">{event.description}</p> : null}

      <p>
        <button
          type="button"
          className="button-secondary"
          data-testid="ics-download"
          onClick={() => downloadEventCalendar(event)}
        >
          {t('eventPage.addToCalendar')}
        </button>
      </p>

      {picker.length > 0 ? (
        <OccurrencePicker
          communityId={props.id}
          eventId={event.id}
          timeZone={event.timeZone}
          occurrences={picker}
          chosen={occurrence}
        />
      ) : null}

      <RsvpPanel
        attendance={details.attendance}
        me={me}
        disabled={readOnly || closed}
        answer={(status) => apply({ type: 'setRsvp', eventId: event.id, occurrence, status })}
      >
        {!closed && details.attendance.confirmed.includes(me as MemberId) ? (
          <MyCheckInCode
            code={{ communityId: props.id, eventId: event.id, occurrence, memberId: me }}
          />
        ) : null}
      </RsvpPanel>

      <Attendees attendance={details.attendance} nameOf={nameOf} />

      {organizer ? (
        <section className="event-section organizer" aria-labelledby="organizer-title">
          <h2 id="organizer-title">{t('eventPage.organizer')}</h2>
          <div className="organizer-actions">
            <button
              type="button"
              data-testid="checkin-toggle"
              className={checkInMode ? undefined : 'button-secondary'}
              aria-pressed={checkInMode}
              aria-controls="checkin-region"
              onClick={() => setCheckInMode(!checkInMode)}
            >
              {t('checkin.toggle')}
            </button>
            {event.recurrence && !event.cancelled ? (
              <button
                type="button"
                className="button-secondary"
                data-testid="occurrence-cancel"
                disabled={readOnly}
                onClick={() =>
                  apply({
                    type: 'setOccurrenceException',
                    eventId: event.id,
                    occurrence,
                    exception: chosen.cancelled ? null : { cancelled: true },
                  })
                }
              >
                {chosen.cancelled
                  ? t('eventPage.restoreOccurrence')
                  : t('eventPage.cancelOccurrence')}
              </button>
            ) : null}
            <button
              type="button"
              className="button-secondary"
              data-testid="event-cancel"
              disabled={readOnly}
              onClick={() =>
                apply({ type: 'setEventCancelled', eventId: event.id, cancelled: !event.cancelled })
              }
            >
              {event.cancelled ? t('eventPage.restoreEvent') : t('eventPage.cancelEvent')}
            </button>
          </div>
          <div id="checkin-region">
            {checkInMode ? (
              <CheckInPanel
                attendance={details.attendance}
                nameOf={nameOf}
                disabled={readOnly || closed}
                setPresent={(memberId, present) =>
                  apply({ type: 'checkIn', eventId: event.id, occurrence, memberId, present })
                }
              />
            ) : null}
            {checkInMode && !readOnly && !closed ? (
              <CheckInScanner
                expected={{ communityId: props.id, eventId: event.id, occurrence }}
                attendance={details.attendance}
                nameOf={nameOf}
                setPresent={(memberId, present) =>
                  apply({ type: 'checkIn', eventId: event.id, occurrence, memberId, present })
                }
              />
            ) : null}
          </div>
        </section>
      ) : null}

      <LazyAttachments
        id={props.id}
        target={{ kind: 'event', eventId: event.id }}
        me={me}
        canAdd={!readOnly}
        moderator={snapshot.members.length > 0 && organizer}
      />

      <Comments
        id={props.id}
        target={{ kind: 'event', eventId: event.id }}
        comments={details.comments}
        me={me}
        nameOf={nameOf}
        disabled={readOnly}
        moderator={snapshot.members.length > 0 && organizer}
      />
    </>
  );
}
