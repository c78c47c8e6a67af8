import type { CommunityId } from '@ensemble/shared';
import { useEffect, useId, useState } from 'react';
import { useCommunity, useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import type { Peer, Presence } from '../../../sync/Presence';
import type { ReadableStore } from '../../../util/ValueStore';
import { presenceMessages } from './messages';

// Inline styles: a small panel, no style sheet of its own to fetch.
const list = {
  listStyle: 'none',
  padding: 0,
  margin: 0,
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.35rem 0.75rem',
} as const;
const item = { display: 'inline-flex', alignItems: 'center', gap: '0.35rem', fontWeight: 600 };
const avatar = {
  width: '1.6rem',
  height: '1.6rem',
  borderRadius: '50%',
  flex: 'none',
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  color: '#fff',
  fontSize: '0.8rem',
  fontWeight: 700,
} as const;

const none: readonly Peer[] = [];
// The same empty list each time: a store's snapshot must be stable.
const nobody: ReadableStore<readonly Peer[]> = {
  get: () => none,
  subscribe: () => () => undefined,
};

/**
 * Who is here now in a community (its awareness over the relay and the direct links,
 * throttled): one entry per person, me first, marked "vous". Tells the others my name:
 * my member name here, else the name I gave on this device.
 */
export function CommunityPresence(props: { id: CommunityId }) {
  const t = useMessages(presenceMessages);
  const { repository, displayName } = useServices();
  const headingId = useId();
  const view = useCommunity(props.id);
  const document = view.status === 'ready' ? view.document : undefined;
  const me = repository.selfIn(props.id);
  const memberName =
    view.status === 'ready'
      ? view.snapshot.members.find((member) => member.id === me)?.displayName
      : undefined;
  const deviceName = useStore(displayName);
  const myName = memberName || deviceName;
  // The presence, and the colour of each person (loaded with it).
  const [loaded, setLoaded] = useState<{ presence: Presence; color: (id: string) => string }>();
  const presence = loaded?.presence;
  const peers = useStore(presence ?? nobody);

  // The awareness code (shared with the relay connection) loads after the page paints.
  useEffect(() => {
    if (!document) return;
    let current: Presence | undefined;
    let gone = false;
    import('../../../app/communityPresence')
      .then(({ communityPresence, presenceColor }) => {
        if (gone) return;
        current = communityPresence(document);
        setLoaded({ presence: current, color: presenceColor });
      })
      .catch((error: unknown) => console.warn('[ensemble] presence', error));
    return () => {
      gone = true;
      current?.destroy();
      setLoaded(undefined);
    };
  }, [document]);

  const myColor = loaded?.color(me) ?? 'var(--teal)';
  useEffect(() => {
    presence?.setUser({ id: me, name: myName, color: myColor });
  }, [presence, me, myName, myColor]);

  const others = peers.filter((peer) => !peer.self);
  const people = [{ id: me, name: myName, color: myColor, self: true }, ...others];
  return (
    <section
      style={{ margin: '0.25rem 0 0.75rem' }}
      aria-labelledby={headingId}
      data-testid="community-presence"
      data-count={people.length}
    >
      <h2 id={headingId} style={{ fontSize: '0.95rem', margin: '0 0 0.25rem' }}>
        {t('title')} · {t('count', { count: people.length })}
      </h2>
      <ul style={list}>
        {people.map((person) => (
          <li
            key={person.id}
            style={item}
            data-testid="community-presence-person"
            data-self={person.self ? 'true' : undefined}
          >
            <span style={{ ...avatar, background: person.color }} aria-hidden="true">
              {initial(person.name)}
            </span>
            {person.self
              ? person.name
                ? t('you', { name: person.name })
                : t('youAnonymous')
              : person.name || t('anonymous')}
          </li>
        ))}
      </ul>
      {others.length === 0 ? <p className="muted small">{t('alone')}</p> : null}
    </section>
  );
}

function initial(name: string): string {
  return (name.trim()[0] ?? '?').toUpperCase();
}
