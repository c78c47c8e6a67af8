import type { CommunityId, CrdtDocument } from '@ensemble/shared';
import { useState } from 'react';
import { useMyCommunities } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useI18n } from '../../../i18n/I18nProvider';
import { pluralKey, type SettingsProps } from './settingsProps';

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'done'; readonly count: number; readonly missing: number }
  | { readonly kind: 'empty' | 'noEvents' | 'failed' };

/** Every community on this device as plain data (JSON) and as one calendar (.ics). */
export function ExportSection({ t }: SettingsProps) {
  const { language } = useI18n();
  const { repository, appVersion } = useServices();
  const communities = useMyCommunities();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  /** Reads a community from this device (the session opens it as a screen would). */
  const open = (id: CommunityId): Promise<CrdtDocument | undefined> =>
    new Promise((resolve) => {
      const session = repository.session(id);
      if (session.document) return resolve(session.document);
      const stop = session.subscribe(() => {
        if (!session.document) return;
        stop();
        resolve(session.document);
      });
    });

  async function run(kind: 'json' | 'ics') {
    const ids = (communities ?? []).map((community) => community.id);
    if (ids.length === 0) return setStatus({ kind: 'empty' });
    setStatus({ kind: 'working' });
    // The domain's readers load with the export, not with the settings screen.
    const { collectCommunities, communitiesToICalendar, communitiesToJson, downloadText } =
      await import('./exportCommunities');
    const { communities: found, missing } = await collectCommunities(ids, open);
    if (found.length === 0) return setStatus({ kind: 'empty' });
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    if (kind === 'json') {
      const text = communitiesToJson(found, { now, appVersion });
      downloadText(`ensemble-communautes-${day}.json`, text, 'application/json');
    } else {
      const text = communitiesToICalendar(found, {
        now,
        origin: window.location.host,
        name: t('export.calendarName'),
      });
      if (!text || found.every((entry) => entry.community.events.length === 0)) {
        return setStatus({ kind: 'noEvents' });
      }
      downloadText(`ensemble-agenda-${day}.ics`, text, 'text/calendar;charset=utf-8');
    }
    setStatus({ kind: 'done', count: found.length, missing: missing.length });
  }

  const start = (kind: 'json' | 'ics') => {
    run(kind).catch(() => setStatus({ kind: 'failed' }));
  };

  return (
    <section className="settings-section" aria-labelledby="settings-export-title">
      <h2 id="settings-export-title">{t('export.title')}</h2>
      <p>{t('export.body')}</p>
      <div className="form-actions">
        <button
          type="button"
          data-testid="settings-export-json"
          disabled={status.kind === 'working'}
          onClick={() => start('json')}
        >
          {t('export.json')}
        </button>
        <button
          type="button"
          className="button-secondary"
          data-testid="settings-export-ics"
          disabled={status.kind === 'working'}
          onClick={() => start('ics')}
        >
          {t('export.ics')}
        </button>
      </div>
      <div role="status" data-testid="settings-export-status">
        {status.kind === 'working' ? <p>{t('export.working')}</p> : null}
        {status.kind === 'empty' ? <p>{t('export.none')}</p> : null}
        {status.kind === 'noEvents' ? <p>{t('export.noEvents')}</p> : null}
        {status.kind === 'failed' ? <p className="form-error">{t('export.failed')}</p> : null}
        {status.kind === 'done' ? (
          <p>
            {t(pluralKey('export.done', status.count, language), { count: status.count })}{' '}
            {status.missing > 0
              ? t(pluralKey('export.missing', status.missing, language), { count: status.missing })
              : null}
          </p>
        ) : null}
      </div>
    </section>
  );
}
