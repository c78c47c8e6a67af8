import { useEffect, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { usePeers, useProjectRepository, useProjectSync } from '../../../app/project/hooks';
import type { ProjectSession } from '../../../app/project/ProjectSession';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { DisplayNameForm } from '../event/DisplayNameForm';
import { projectMessages } from './messages';
import { presenceColor } from './people';

/**
 * Who is here now (from the project's awareness, throttled) and how the project's own
 * document syncs. Tells the others my name, from the display name setting.
 */
export function PresenceBar(props: { session: ProjectSession }) {
  const pt = useMessages(projectMessages);
  const projects = useProjectRepository();
  const myName = useStore(useServices().displayName);
  const peers = usePeers(props.session);
  const sync = useProjectSync(props.session);
  const me = projects.selfIn(props.session.communityId);
  const presence = useStore(props.session.presence);
  const direct = useStore(props.session.directPeers);
  const [naming, setNaming] = useState(false);

  // Announce (again) whenever my name or the awareness changes (the document has opened).
  // biome-ignore lint/correctness/useExhaustiveDependencies: presence is the trigger
  useEffect(() => {
    props.session.announce({ id: me, name: myName, color: presenceColor(me) });
  }, [props.session, presence, me, myName]);

  useEffect(() => {
    for (const peer of peers) projects.rememberName(peer.id, peer.name);
  }, [projects, peers]);

  const others = peers.filter((peer) => !peer.self);
  return (
    <section className="presence" aria-labelledby="presence-title" data-testid="presence">
      <h2 id="presence-title" className="visually-hidden">
        {pt('presence.title')}
      </h2>
      <p
        className={`project-sync project-sync-${sync}`}
        data-testid="project-sync"
        data-state={sync}
        data-peers={direct}
      >
        {pt('project.sync', { state: pt(`project.syncState.${sync}`) })}
      </p>
      {direct > 0 ? (
        <p className="project-sync">{pt('project.direct', { count: direct })}</p>
      ) : null}
      <ul className="presence-list" aria-label={pt('presence.title')}>
        <li className="presence-person" data-testid="presence-person" data-self="true">
          <span className="presence-dot" style={{ background: presenceColor(me) }} />
          {pt('presence.you', { name: myName || pt('presence.anonymous') })}
        </li>
        {others.map((peer) => (
          <li key={peer.id} className="presence-person" data-testid="presence-person">
            <span className="presence-dot" style={{ background: peer.color }} />
            {peer.name || pt('presence.anonymous')}
          </li>
        ))}
      </ul>
      {others.length === 0 ? <p className="muted small">{pt('presence.alone')}</p> : null}
      {myName ? null : naming ? (
        <DisplayNameForm id="presence-name" onSaved={() => setNaming(false)} />
      ) : (
        <p>
          <button
            type="button"
            className="button-secondary"
            data-testid="presence-give-name"
            onClick={() => setNaming(true)}
          >
            {pt('presence.giveName')}
          </button>
        </p>
      )}
    </section>
  );
}
