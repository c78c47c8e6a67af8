import type { CommunityId, CommunitySnapshot, DomainError } from '@ensemble/shared';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useStore } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { Field } from '../../Field';
import { LazyJoinByQr as JoinByQr } from '../../qr/LazyJoinByQr';
import { membersMessages } from './messages';
import './members.css';

type JoinState =
  | { readonly step: 'checking' }
  | { readonly step: 'viewer' }
  /** `newInvite`: this invite cannot be used (any more): another one is needed. */
  | { readonly step: 'form'; readonly error?: string; readonly newInvite?: boolean }
  | { readonly step: 'waiting' }
  | { readonly step: 'joined' };

/**
 * Shown on a community with members to a device that is not one: with the invite of
 * the link it followed, a form to join (sponsored by the invite's creator); without,
 * a plain note that it only views the community.
 */
export function JoinPanel(props: { id: CommunityId; snapshot: CommunitySnapshot }) {
  const m = useMessages(membersMessages);
  const { membership, repository, displayName } = useServices();
  const savedName = useStore(displayName);
  const [name, setName] = useState(savedName);
  const [state, setState] = useState<JoinState>({ step: 'checking' });
  const attempt = useRef(0);

  useEffect(() => {
    let cancelled = false;
    membership.pendingInvite(props.id).then(
      (invite) => {
        if (!cancelled) setState({ step: invite ? 'form' : 'viewer' });
      },
      () => {
        if (!cancelled) setState({ step: 'viewer' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [membership, props.id]);

  const errorText = (error: DomainError) => {
    switch (error.reason) {
      case 'invite-mismatch':
      case 'invite-expired':
      case 'invite-revoked':
      case 'invite-used-up':
      case 'already-member':
      case 'unknown-invite':
        return m(`join.error.${error.reason}`);
      default:
        return m('join.error.other', { reason: error.reason });
    }
  };

  async function tryJoin(): Promise<void> {
    const mine = ++attempt.current;
    const result = await membership.join(props.id, name.trim());
    if (mine !== attempt.current) return;
    if (result.ok) {
      displayName.save(name);
      setState({ step: 'joined' });
    } else if (
      result.error.reason === 'unknown-invite' ||
      result.error.reason === 'not-initialised'
    ) {
      // The community (or its invite) has not arrived from the relay yet: retried on change.
      setState({ step: 'waiting' });
    } else {
      setState({
        step: 'form',
        error: errorText(result.error),
        newInvite: result.error.reason.startsWith('invite-'),
      });
    }
  }

  // Waiting for the invite to arrive from the relay: try again whenever the community changes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: retried on each new snapshot
  useEffect(() => {
    if (state.step === 'waiting') void tryJoin();
  }, [props.snapshot, state.step]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) {
      setState({ step: 'form', error: m('founder.required') });
      return;
    }
    void tryJoin();
  }

  if (state.step === 'checking') return null;
  if (state.step === 'joined') {
    return (
      <p className="banner banner-info" role="status" data-testid="join-done">
        {m('join.done')}
      </p>
    );
  }
  if (state.step === 'viewer') {
    return (
      <div className="banner banner-info" data-testid="join-viewer">
        <p>{m('join.viewer')}</p>
        <JoinByQr />
      </div>
    );
  }
  if (!repository.keys) {
    return <p className="banner banner-warning">{m('join.noKeys')}</p>;
  }
  return (
    <section className="join-panel" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">{m('join.title', { name: props.snapshot.profile.name })}</h2>
      <p>{m('join.intro')}</p>
      <form className="form" noValidate onSubmit={submit}>
        <Field
          id="join-name"
          testId="join-name"
          label={m('join.name')}
          value={name}
          onChange={setName}
          error={state.step === 'form' ? state.error : undefined}
          maxLength={80}
          autoComplete="name"
        />
        <div className="form-actions">
          <button type="submit" data-testid="join-submit" disabled={state.step === 'waiting'}>
            {m('join.submit')}
          </button>
        </div>
        {state.step === 'waiting' ? (
          <p role="status" className="loading">
            <span className="spinner" aria-hidden="true" />
            {m('join.waiting')}
          </p>
        ) : null}
      </form>
      {state.step === 'form' && state.newInvite ? <JoinByQr /> : null}
    </section>
  );
}
