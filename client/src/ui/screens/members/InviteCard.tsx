import { lazy, Suspense, useId, useState } from 'react';
import { useCommunityAccess } from '../../../app/hooks';
import { useServices } from '../../../app/services';
import type { MyInvite } from '../../../app/useMyInvites';
import { useMessages } from '../../../i18n/featureMessages';
import { useI18n } from '../../../i18n/I18nProvider';
import { shareUrl } from '../../../router/routes';
import { formatShortDate } from '../../../time/datetime';
import { domainErrorMessage, useErrorMessages } from '../../domainErrors';
import type { CommunityTabProps } from '../tabProps';
import { CopyLink } from './CopyLink';
import { membersMessages } from './messages';

// The QR encoder loads only when someone shows a code (and is precached for offline use).
const QrCode = lazy(() => import('../../qr/QrCode').then((module) => ({ default: module.QrCode })));

/** One of my invites: its uses and state; while valid, its link, its QR code, and revoking it. */
export function InviteCard(props: CommunityTabProps & { invite: MyInvite }) {
  const m = useMessages(membersMessages);
  const { language } = useI18n();
  const errorT = useErrorMessages();
  const { repository } = useServices();
  const access = useCommunityAccess(props.id);
  const qrId = useId();
  const metaId = useId();
  const [showQr, setShowQr] = useState(false);
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

  function revoke() {
    const result = repository.change(props.id, { type: 'revokeInvite', inviteId: invite.inviteId });
    setError(result.ok ? undefined : domainErrorMessage(errorT, result.error));
  }

  return (
    <article className="card invite-card" data-testid="invite-item" data-state={invite.state}>
      <p className="card-meta" id={metaId}>
        <span data-testid="invite-uses">{uses}</span>
        <span>{state}</span>
      </p>
      {invite.state === 'valid' && url ? (
        <>
          <CopyLink url={url} label={m('invites.link')} id={`invite-${invite.inviteId}`} />
          <div className="invite-actions">
            <button
              type="button"
              className="button-secondary"
              data-testid="invite-show-qr"
              aria-expanded={showQr}
              aria-describedby={metaId}
              aria-controls={qrId}
              onClick={() => setShowQr(!showQr)}
            >
              {showQr ? m('share.hideQr') : m('share.showQr')}
            </button>
            <button
              type="button"
              className="button-secondary"
              data-testid="invite-revoke"
              aria-describedby={metaId}
              onClick={revoke}
            >
              {m('invites.revoke')}
            </button>
          </div>
          <div id={qrId} className="invite-qr">
            {showQr ? (
              <>
                <p className="field-hint">{m('share.qrHint')}</p>
                <Suspense fallback={<p className="loading">{m('share.qrLoading')}</p>}>
                  <QrCode value={url} label={m('share.qr')} testId="invite-qr" correction="M" />
                </Suspense>
              </>
            ) : null}
          </div>
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
