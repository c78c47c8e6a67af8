import { type CommunityId, type DomainError, LIMITS } from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { useCommunity } from '../../app/hooks';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import { navigate } from '../../router/useRoute';
import { addHoursToLocalInput, browserTimeZone, localInputToInstant } from '../../time/datetime';
import { placeError, useErrorMessages } from '../domainErrors';
import { Field } from '../Field';
import { useDocumentTitle } from '../useDocumentTitle';
import { type AddEventMessageKey, addEventMessages } from './addEventMessages';
import { focusField } from './CreateCommunityScreen';
import {
  capacityFromForm,
  REPEAT_CHOICES,
  RepeatChoice as Repeat,
  type RepeatChoice,
  recurrenceFromForm,
} from './event/recurrenceForm';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import './event/event.css';
import { useMessages } from '../../i18n/featureMessages';

const FIELDS = ['title', 'start', 'end', 'place', 'capacity', 'interval', 'until'] as const;

export function AddEventScreen(props: { id: CommunityId }) {
  const { t: shell } = useI18n();
  const t = useMessages(addEventMessages);
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const view = useCommunity(props.id);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [place, setPlace] = useState('');
  const [capacity, setCapacity] = useState('');
  const [repeat, setRepeat] = useState<RepeatChoice>(Repeat.none);
  const [interval, setRepeatInterval] = useState('2');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<DomainError>();
  const timeZone = browserTimeZone();
  useDocumentTitle(t('addEvent.title'));
  const placed = placeError(errorT, error, FIELDS);
  const ready = view.status === 'ready';
  const readOnly = ready && view.access.mode === 'read-only';

  function changeStart(value: string) {
    setStart(value);
    // Suggest a two-hour event; the organiser can change it.
    if (!end && value) setEnd(addHoursToLocalInput(value, 2) ?? '');
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = repository.addEvent(props.id, {
      title,
      // An empty or unreadable value goes through as is: the domain says what is wrong.
      start: localInputToInstant(start, timeZone) ?? start,
      end: localInputToInstant(end, timeZone) ?? end,
      timeZone,
      place,
      capacity: capacityFromForm(capacity),
      recurrence: recurrenceFromForm(repeat, interval, until),
    });
    if (result.ok) {
      navigate(paths.community(props.id), { replace: true });
      return;
    }
    setError(result.error);
    focusField(`event-${result.error.field ?? 'title'}`);
  }

  return (
    <>
      <p className="back-link">
        <a href={paths.community(props.id)}>
          ← {shell('common.backTo', { name: ready ? view.snapshot.profile.name : '…' })}
        </a>
      </p>
      <h1 tabIndex={-1}>{t('addEvent.title')}</h1>
      {readOnly && view.access.mode === 'read-only' ? (
        <ReadOnlyBanner schemaVersion={view.access.schemaVersion} />
      ) : null}
      {view.status === 'waiting' ? (
        <p className="muted">{shell('community.loadingRelay')}</p>
      ) : null}
      <form className="form" noValidate onSubmit={submit}>
        <fieldset disabled={!ready || readOnly}>
          <Field
            id="event-title"
            testId="event-title"
            label={t('field.title')}
            value={title}
            onChange={setTitle}
            error={placed.byField.title}
            maxLength={LIMITS.eventTitle}
          />
          <div className="field-pair">
            <Field
              id="event-start"
              testId="event-start"
              type="datetime-local"
              label={t('field.start')}
              hint={t('addEvent.timeZoneHint', { timeZone })}
              value={start}
              onChange={changeStart}
              error={placed.byField.start}
            />
            <Field
              id="event-end"
              testId="event-end"
              type="datetime-local"
              label={t('field.end')}
              value={end}
              onChange={setEnd}
              error={placed.byField.end}
            />
          </div>
          <Field
            id="event-place"
            testId="event-place"
            label={t('field.place')}
            value={place}
            onChange={setPlace}
            error={placed.byField.place}
            optional
            maxLength={LIMITS.place}
          />
          <Field
            id="event-capacity"
            testId="event-capacity"
            type="number"
            label={t('field.capacity')}
            hint={t('field.capacityHint')}
            value={capacity}
            onChange={setCapacity}
            error={placed.byField.capacity}
            optional
          />
          <div className="field event-field">
            <label htmlFor="event-repeat">{t('field.recurrence')}</label>
            <select
              id="event-repeat"
              data-testid="event-recurrence"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value as RepeatChoice)}
            >
              {REPEAT_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(REPEAT_LABELS[choice])}
                </option>
              ))}
            </select>
          </div>
          {repeat === Repeat.everyNWeeks ? (
            <Field
              id="event-interval"
              testId="event-interval"
              type="number"
              label={t('field.interval')}
              value={interval}
              onChange={setRepeatInterval}
              error={placed.byField.interval}
            />
          ) : null}
          {repeat !== Repeat.none ? (
            <Field
              id="event-until"
              testId="event-until"
              type="date"
              label={t('field.until')}
              value={until}
              onChange={setUntil}
              error={placed.byField.until}
              optional
            />
          ) : null}
          {placed.general ? (
            <p className="form-error" role="alert">
              {placed.general}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" data-testid="event-submit">
              {t('addEvent.submit')}
            </button>
            <a className="button button-secondary" href={paths.community(props.id)}>
              {shell('common.cancel')}
            </a>
          </div>
        </fieldset>
      </form>
    </>
  );
}

const REPEAT_LABELS = {
  none: 'recurrence.none',
  weekly: 'recurrence.weekly',
  'every-n-weeks': 'recurrence.option.everyNWeeks',
  'monthly-by-day': 'recurrence.option.monthlyByDay',
  'monthly-by-weekday': 'recurrence.option.monthlyByWeekday',
} as const satisfies Record<RepeatChoice, AddEventMessageKey>;
