import { type FormEvent, useState } from 'react';
import { COMMUNITY_LINK, type InviteOptions, SPONSOR_ONE } from '../../../app/Membership';
import { useServices } from '../../../app/services';
import { describeInvites, useCreatedInvites } from '../../../app/useMyInvites';
import { useMessages } from '../../../i18n/featureMessages';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import type { CommunityTabProps } from '../tabProps';
import { InviteCard } from './InviteCard';
import { membersMessages } from './messages';

/** This member's invites: create one (for one newcomer or many), see its link and uses, revoke it. */
export function Invites(props: CommunityTabProps) {
  const m = useMessages(membersMessages);
  const errorT = useErrorMessages();
  const { membership } = useServices();
  const created = useCreatedInvites(props.id);
  const [kind, setKind] = useState<'one' | 'many'>('one');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const invites = created ? describeInvites(props.document, created) : [];

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const options: InviteOptions = kind === 'one' ? SPONSOR_ONE : COMMUNITY_LINK;
    const result = await membership.createInvite(props.id, options);
    setBusy(false);
    setError(result.ok ? undefined : domainErrorMessage(errorT, result.error));
  }

  return (
    <section aria-labelledby="invites-title" className="invites">
      <h2 id="invites-title">{m('invites.title')}</h2>
      <p className="muted">{m('invites.intro')}</p>
      <form className="form invite-form" onSubmit={create}>
        <fieldset>
          <legend>{m('invites.kind')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="invite-kind"
              value="one"
              checked={kind === 'one'}
              onChange={() => setKind('one')}
              data-testid="invite-kind-one"
            />
            {m('invites.one')}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="invite-kind"
              value="many"
              checked={kind === 'many'}
              onChange={() => setKind('many')}
              data-testid="invite-kind-many"
            />
            {m('invites.many')}
          </label>
        </fieldset>
        <button type="submit" disabled={busy} data-testid="invite-create">
          {m('invites.create')}
        </button>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {created && invites.length === 0 ? <p className="muted">{m('invites.none')}</p> : null}
      <ul className="card-list">
        {invites.map((invite) => (
          <li key={invite.inviteId}>
            <InviteCard {...props} invite={invite} />
          </li>
        ))}
      </ul>
    </section>
  );
}
