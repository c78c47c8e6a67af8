import { type Attendance, type DomainError, type MemberId, RsvpStatus } from '@ensemble/shared';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { DisplayNameForm } from './DisplayNameForm';
import { rsvpState, rsvpStateText } from './eventView';
import { eventMessages } from './messages';

type Answer = RsvpStatus | null;

const BUTTONS: readonly {
  status: RsvpStatus;
  testId: string;
  key: 'rsvp.going' | 'rsvp.maybe' | 'rsvp.notGoing';
}[] = [
  { status: RsvpStatus.going, testId: 'rsvp-going', key: 'rsvp.going' },
  { status: RsvpStatus.maybe, testId: 'rsvp-maybe', key: 'rsvp.maybe' },
  { status: RsvpStatus.notGoing, testId: 'rsvp-not-going', key: 'rsvp.notGoing' },
];

/**
 * My answer for one occurrence, and my state ("Confirmé·e", "Liste d’attente : position 2").
 * A person with no name yet gives one first; the answer is sent right after.
 */
export function RsvpPanel(props: {
  readonly attendance: Attendance;
  readonly me: MemberId;
  readonly disabled: boolean;
  readonly answer: (status: Answer) => DomainError | undefined;
  /** Shown at the end of the panel (the entry code of a confirmed member). */
  readonly children?: ReactNode;
}) {
  const t = useMessages(eventMessages);
  const errorT = useErrorMessages();
  const name = useStore(useServices().displayName);
  const [pending, setPending] = useState<Answer | undefined>();
  const [error, setError] = useState<DomainError>();
  const state = rsvpState(props.attendance, props.me);
  const current: Answer =
    state.kind === 'confirmed' || state.kind === 'waitlisted'
      ? RsvpStatus.going
      : state.kind === 'maybe'
        ? RsvpStatus.maybe
        : state.kind === 'not-going'
          ? RsvpStatus.notGoing
          : null;

  function choose(status: Answer) {
    if (!name && status !== null) {
      setPending(status);
      return;
    }
    setError(props.answer(status));
  }

  return (
    <section className="event-section rsvp" aria-labelledby="rsvp-title">
      <h2 id="rsvp-title">{t('rsvp.title')}</h2>
      <p
        className={`rsvp-state rsvp-state-${state.kind}`}
        data-testid="rsvp-state"
        data-state={state.kind}
        aria-live="polite"
      >
        {rsvpStateText(t, state)}
      </p>
      {state.kind === 'waitlisted' ? <p className="muted">{t('rsvp.waitlistHint')}</p> : null}
      {props.attendance.checkedIn.includes(props.me) ? (
        <p className="rsvp-checked-in" data-testid="rsvp-checked-in">
          {t('rsvp.checkedIn')}
        </p>
      ) : null}
      {pending !== undefined && !name ? (
        <DisplayNameForm
          id="rsvp-display-name"
          onSaved={() => {
            const status = pending;
            setPending(undefined);
            setError(props.answer(status));
          }}
        />
      ) : (
        <div className="rsvp-buttons">
          {BUTTONS.map((button) => (
            <button
              key={button.status}
              type="button"
              data-testid={button.testId}
              className={current === button.status ? 'rsvp-button rsvp-chosen' : 'rsvp-button'}
              aria-pressed={current === button.status}
              disabled={props.disabled}
              onClick={() => choose(button.status)}
            >
              {t(button.key)}
            </button>
          ))}
          {current !== null ? (
            <button
              type="button"
              data-testid="rsvp-withdraw"
              className="button-secondary rsvp-withdraw"
              disabled={props.disabled}
              onClick={() => choose(null)}
            >
              {t('rsvp.withdraw')}
            </button>
          ) : null}
        </div>
      )}
      {name ? <p className="muted small">{t('displayName.current', { name })}</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {domainErrorMessage(errorT, error)}
        </p>
      ) : null}
      {props.children}
    </section>
  );
}
