import {
  type CommunityChange,
  directoryListingOf,
  type EventId,
  type JoinPath,
  readDirectorySettings,
} from '@ensemble/shared';
import { type FormEvent, useState } from 'react';
import { COMMUNITY_LINK } from '../../../app/Membership';
import { useServices } from '../../../app/services';
import { blobBaseUrl } from '../../../blobs/blobHttp';
import { type PublishOutcome, publishListing } from '../../../directory/publishListing';
import { useMessages } from '../../../i18n/featureMessages';
import { shareUrl } from '../../../router/routes';
import type { CommunityTabProps } from '../tabProps';
import { directoryMessages } from './messages';
import './directory.css';

/**
 * [DIR1] [DIR2] For organizers: list the community in its relay's directory, choose how
 * people join, mark upcoming events public, and see exactly what becomes public.
 */
export function DirectorySection(props: CommunityTabProps) {
  const t = useMessages(directoryMessages);
  const { repository, membership, relay } = useServices();
  const settings = readDirectorySettings(props.document);
  const [listed, setListed] = useState(settings.listed);
  const [themes, setThemes] = useState(props.snapshot.profile.themes.join(', '));
  const [joinKind, setJoinKind] = useState<JoinPath['kind']>(settings.join?.kind ?? 'sponsorship');
  const [contact, setContact] = useState(
    settings.join?.kind === 'sponsorship' ? settings.join.contact : '',
  );
  const [publicEvents, setPublicEvents] = useState(() => new Set(settings.publicEvents));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | 'contactRequired'>();
  const now = new Date();
  const upcoming = props.snapshot.events.filter(
    (event) => !event.cancelled && Date.parse(event.end) > now.getTime(),
  );
  const apply = (change: CommunityChange) => repository.change(props.id, change).ok;

  async function joinPath(): Promise<JoinPath | undefined> {
    if (joinKind === 'sponsorship') {
      return contact.trim() ? { kind: 'sponsorship', contact: contact.trim() } : undefined;
    }
    if (settings.join?.kind === 'open') return settings.join;
    const access = repository.session(props.id).access.get();
    const invite = await membership.createInvite(props.id, COMMUNITY_LINK);
    if (!access || !invite.ok) return undefined;
    return {
      kind: 'open',
      url: shareUrl(window.location.origin, props.id, access.capability, invite.value),
    };
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    try {
      const join = await joinPath();
      if (!join) {
        setOutcome('contactRequired');
        return;
      }
      const nextThemes = themes
        .split(',')
        .map((theme) => theme.trim())
        .filter(Boolean);
      if (nextThemes.join(',') !== props.snapshot.profile.themes.join(',')) {
        apply({ type: 'updateProfile', themes: nextThemes });
      }
      for (const upcomingEvent of upcoming) {
        const wanted = publicEvents.has(upcomingEvent.id);
        if (wanted !== settings.publicEvents.has(upcomingEvent.id)) {
          apply({ type: 'setEventPublic', eventId: upcomingEvent.id as EventId, public: wanted });
        }
      }
      apply({ type: 'setDirectoryListing', listed, join });
      const access = repository.session(props.id).access.get();
      if (!access) {
        setOutcome('offline');
        return;
      }
      const listing = directoryListingOf(props.document, new Date());
      setOutcome(await publishListing(relay.url(), props.id, access.capability, listing));
    } finally {
      setBusy(false);
    }
  }

  const preview = listed ? directoryListingOf(props.document, now) : undefined;
  return (
    <section aria-labelledby="directory-title" className="directory-section">
      <h2 id="directory-title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void save(event)}>
        <div className="field field-check">
          <input
            id="directory-listed"
            type="checkbox"
            data-testid="directory-listed"
            checked={listed}
            onChange={(event) => setListed(event.target.checked)}
          />
          <label htmlFor="directory-listed">{t('listed')}</label>
        </div>
        <div className="field">
          <label htmlFor="directory-themes">{t('themes')}</label>
          <input
            id="directory-themes"
            data-testid="directory-themes"
            value={themes}
            onChange={(event) => setThemes(event.target.value)}
          />
        </div>
        <fieldset className="field">
          <legend>{t('joinLegend')}</legend>
          {(['open', 'sponsorship'] as const).map((kind) => (
            <div className="field-check" key={kind}>
              <input
                id={`directory-join-${kind}`}
                type="radio"
                name="directory-join"
                data-testid={`directory-join-${kind}`}
                checked={joinKind === kind}
                onChange={() => setJoinKind(kind)}
              />
              <label htmlFor={`directory-join-${kind}`}>
                {kind === 'open' ? t('joinOpen') : t('joinSponsorship')}
              </label>
            </div>
          ))}
        </fieldset>
        {joinKind === 'sponsorship' ? (
          <div className="field">
            <label htmlFor="directory-contact">{t('contact')}</label>
            <input
              id="directory-contact"
              data-testid="directory-contact"
              value={contact}
              onChange={(event) => setContact(event.target.value)}
            />
          </div>
        ) : null}
        <fieldset className="field">
          <legend>{t('events')}</legend>
          {upcoming.length === 0 ? <p className="muted">{t('noEvents')}</p> : null}
          {upcoming.map((upcomingEvent) => (
            <div className="field-check" key={upcomingEvent.id}>
              <input
                id={`directory-event-${upcomingEvent.id}`}
                type="checkbox"
                data-testid="directory-event-public"
                checked={publicEvents.has(upcomingEvent.id)}
                onChange={(event) => {
                  const next = new Set(publicEvents);
                  if (event.target.checked) next.add(upcomingEvent.id);
                  else next.delete(upcomingEvent.id);
                  setPublicEvents(next);
                }}
              />
              <label htmlFor={`directory-event-${upcomingEvent.id}`}>{upcomingEvent.title}</label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" data-testid="directory-save" disabled={busy || props.readOnly}>
            {busy ? t('saving') : t('save')}
          </button>
        </div>
        {outcome ? (
          <p role="status" data-testid="directory-outcome">
            {t(outcome)}
          </p>
        ) : null}
      </form>
      <h3>{t('preview')}</h3>
      <p className="muted" data-testid="directory-preview">
        {preview
          ? `${preview.name} · ${preview.city} · ${preview.themes.map((theme) => `#${theme}`).join(' ')} · ${t(
              'previewEvents',
              { count: preview.events.length },
            )}`
          : t('previewNone')}
      </p>
      <p>
        <a href={`${blobBaseUrl(relay.url())}/directory`} data-testid="directory-link">
          {t('openDirectory')}
        </a>
      </p>
    </section>
  );
}
