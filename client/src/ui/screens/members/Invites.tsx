import { type FormEvent, useState } from 'react';
import { useCommunityAccess } from '../../../app/hooks';
import { COMMUNITY_LINK, type InviteOptions, SPONSOR_ONE } from '../../../app/Membership';
import { useServices } from '../../../app/services';
import { describeInvites, type MyInvite, useCreatedInvites } from '../../../app/useMyInvites';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { shareUrl } from '../../../router/routes';
import { formatShortDate } from '../../../time/datetime';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import type { CommunityTabProps } from '../tabProps';
import { CopyLink } from './CopyLink';
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

function InviteCard(props: CommunityTabProps & { invite: MyInvite }) {
  const m = useMessages(membersMessages);
  const { language } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const access = useCommunityAccess(props.id);
  const [error, setError] = useState<string>();
  const { invite } = props;
  const details = invite.invite;
  const url = access
    ? shareUrl(window.location.origin, props.id, access.capability, {
        id: invite.inviteId,
        secret: invite.secret,
      })
    : undefined;
  const uses =
    details?.maxUses === null || details === undefined
      ? m('invites.uses', { count: invite.uses })
      : m('invites.usesOf', { count: invite.uses, max: details.maxUses });
  const state =
    invite.state === 'revoked'
      ? m('invites.revoked')
      : invite.state === 'expired'
        ? m('invites.expired')
        : invite.state === 'used-up'
          ? m('invites.usesOf', { count: invite.uses, max: details?.maxUses ?? invite.uses })
          : details
            ? m('invites.expires', {
                date: formatShortDate(Date.parse(details.expiresAt), language),
              })
            : '';

  return (
    <article className="card invite-card" data-testid="invite-item" data-state={invite.state}>
      <p className="card-meta">
        <span data-testid="invite-uses">{uses}</span> · <span>{state}</span>
      </p>
      {invite.state === 'valid' && url ? (
        <>
          <CopyLink url={url} label={m('invites.link')} id={`invite-${invite.inviteId}`} />
          <button
            type="button"
            className="button-secondary"
            data-testid="invite-revoke"
            onClick={() => {
              const result = repository.change(props.id, {
                type: 'revokeInvite',
                inviteId: invite.inviteId,
              });
              setError(result.ok ? undefined : domainErrorMessage(errorT, result.error));
            }}
          >
            {m('invites.revoke')}
          </button>
        </>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
