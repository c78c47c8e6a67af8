import {
  hasMembership,
  type Member,
  MemberRole,
  MemberStatus,
  type SponsorshipNode,
  sponsorshipTree,
} from '@ensemble/shared';
import { useState } from 'react';
import { useServices } from '../../../app/services';
import { hlcDate } from '../../../app/useMyInvites';
import { type FeatureTranslate, useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { formatShortDate } from '../../../time/datetime';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import { LazyDirectorySection } from '../directory/LazyDirectorySection';
import type { CommunityTabProps } from '../tabProps';
import { Invites } from './Invites';
import { membersMessages } from './messages';
import './members.css';

type MembersKey = Parameters<FeatureTranslate<keyof typeof membersMessages.fr>>[0];

/** Members, their roles, who sponsored whom, and this member's invites. */
export function MembersTab(props: CommunityTabProps) {
  const m = useMessages(membersMessages);
  const { repository } = useServices();
  if (!hasMembership(props.document)) {
    return (
      <section aria-labelledby="members-title">
        <h2 id="members-title">{m('members.title')}</h2>
        <p className="banner banner-info" data-testid="members-open">
          {m('members.open')}
        </p>
      </section>
    );
  }
  const me = repository.selfIn(props.id);
  const members = props.snapshot.members.filter((member) => member.status === MemberStatus.active);
  const self = members.find((member) => member.id === me);
  return (
    <>
      <section aria-labelledby="members-title">
        <h2 id="members-title">{m('members.title')}</h2>
        <p className="muted" data-testid="members-count">
          {m(members.length === 1 ? 'members.count.one' : 'members.count', {
            count: members.length,
          })}
        </p>
        <ul className="card-list member-list">
          {members.map((member) => (
            <li key={member.id}>
              <MemberCard {...props} member={member} me={self} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{m('members.tree')}</h2>
        <div data-testid="sponsor-tree">
          <SponsorTree nodes={sponsorshipTree(members)} me={me} m={m} />
        </div>
      </section>
      {self && !props.readOnly ? <Invites {...props} /> : null}
      {!self ? <p className="muted">{m('invites.notMember')}</p> : null}
      {self && !props.readOnly ? <LeaveButton {...props} /> : null}
      {self?.role === MemberRole.organizer && !props.readOnly ? (
        <LazyDirectorySection {...props} />
      ) : null}
    </>
  );
}

function MemberCard(props: CommunityTabProps & { member: Member; me: Member | undefined }) {
  const m = useMessages(membersMessages);
  const { t, language } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const { member, me, snapshot } = props;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const isMe = member.id === me?.id;
  const sponsor = snapshot.members.find((other) => other.id === member.sponsor);
  const joined = hlcDate(member.joinedAt);
  const canManage = me?.role === MemberRole.organizer && !isMe && !props.readOnly;

  const apply = (change: Parameters<typeof repository.change>[1]) => {
    const result = repository.change(props.id, change);
    setError(result.ok ? undefined : domainErrorMessage(errorT, result.error));
    setConfirming(false);
  };

  return (
    <article className="card member-card" data-testid="member-item">
      <h3 className="card-title">
        {member.displayName}
        {isMe ? <span className="muted"> ({m('members.you')})</span> : null}
      </h3>
      <p className="card-meta">
        <span className={`role-badge role-${member.role}`} data-testid="member-role">
          {member.role === MemberRole.organizer ? m('members.organizer') : m('members.member')}
        </span>{' '}
        {member.sponsor === null ? m('members.founder') : null}
        {sponsor ? (
          <span data-testid="member-sponsor">
            {m('members.sponsoredBy', { name: sponsor.displayName })}
          </span>
        ) : null}
      </p>
      {joined ? (
        <p className="card-meta">
          {m('members.joined', { date: formatShortDate(joined.getTime(), language) })}
        </p>
      ) : null}
      {canManage ? (
        <div className="member-actions">
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              apply({
                type: 'setMemberRole',
                memberId: member.id,
                role:
                  member.role === MemberRole.organizer ? MemberRole.member : MemberRole.organizer,
              })
            }
          >
            {member.role === MemberRole.organizer
              ? m('members.makeMember')
              : m('members.makeOrganizer')}
          </button>
          {confirming ? (
            <span className="confirm-row">
              <span>{m('members.confirmRemove', { name: member.displayName })}</span>{' '}
              <button
                type="button"
                className="button-danger"
                onClick={() => apply({ type: 'removeMember', memberId: member.id })}
              >
                {m('action.confirm')}
              </button>{' '}
              <button
                type="button"
                className="button-secondary"
                onClick={() => setConfirming(false)}
              >
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
              {m('members.remove')}
            </button>
          )}
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function SponsorTree(props: {
  nodes: readonly SponsorshipNode[];
  me: string;
  m: FeatureTranslate<MembersKey>;
}) {
  if (props.nodes.length === 0) return null;
  return (
    <ul className="sponsor-tree">
      {props.nodes.map((node) => (
        <li key={node.member.id}>
          <span>
            {node.member.displayName}
            {node.member.id === props.me ? ` (${props.m('members.you')})` : ''}
          </span>
          <SponsorTree nodes={node.children} me={props.me} m={props.m} />
        </li>
      ))}
    </ul>
  );
}

function LeaveButton(props: CommunityTabProps) {
  const m = useMessages(membersMessages);
  const { t } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  if (!confirming) {
    return (
      <p>
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          {m('members.leave')}
        </button>
      </p>
    );
  }
  return (
    <div className="leave-confirm">
      <p>{m('members.confirmLeave')}</p>
      <button
        type="button"
        className="button-danger"
        onClick={() => {
          const result = repository.change(props.id, { type: 'leaveCommunity' });
          if (!result.ok) setError(domainErrorMessage(errorT, result.error));
          setConfirming(false);
        }}
      >
        {m('members.leave')}
      </button>{' '}
      <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
        {t('common.cancel')}
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
