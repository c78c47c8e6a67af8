import type { Attendance, MemberId } from '@ensemble/shared';
import { useState } from 'react';
import { useMessages } from '../../../i18n/featureMessages';
import { matchesQuery } from './eventView';
import { eventMessages } from './messages';

/**
 * [RSVP5] The door list: confirmed attendees, searchable, each with a "Présent·e" box.
 * A check-in is a local change: it works offline and syncs later.
 */
export function CheckInPanel(props: {
  readonly attendance: Attendance;
  readonly nameOf: (id: string) => string;
  readonly disabled: boolean;
  readonly setPresent: (memberId: MemberId, present: boolean) => void;
}) {
  const t = useMessages(eventMessages);
  const [query, setQuery] = useState('');
  const { confirmed, checkedIn } = props.attendance;
  const present = new Set<string>(checkedIn);
  const shown = confirmed.filter((id) => matchesQuery(props.nameOf(id), query));
  const count = confirmed.filter((id) => present.has(id)).length;
  return (
    <div className="checkin" data-testid="checkin-panel">
      <p className="muted small">{t('checkin.offlineNote')}</p>
      <div className="field">
        <label htmlFor="checkin-search">{t('checkin.search')}</label>
        <input
          id="checkin-search"
          type="search"
          data-testid="checkin-search"
          value={query}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p aria-live="polite" data-testid="checkin-count">
        {t('checkin.count', { count, total: confirmed.length })}
      </p>
      {shown.length === 0 ? (
        <p className="muted">{t('checkin.none')}</p>
      ) : (
        <ul className="checkin-list">
          {shown.map((id) => (
            <li key={id} data-testid="checkin-item">
              <label className="checkin-row">
                <input
                  type="checkbox"
                  checked={present.has(id)}
                  disabled={props.disabled}
                  onChange={(event) => props.setPresent(id, event.target.checked)}
                />
                <span className="checkin-name">{props.nameOf(id)}</span>
                <span className="checkin-label">{t('checkin.present')}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
