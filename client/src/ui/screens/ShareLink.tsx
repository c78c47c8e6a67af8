import { type CommunityId, type CrdtDocument, hasMembership } from '@ensemble/shared';
import { useRef, useState } from 'react';
import { loadChangeCode } from '../../app/changeCode';
import { useCommunityAccess } from '../../app/hooks';
import { COMMUNITY_LINK } from '../../app/Membership';
import { useServices } from '../../app/services';
import { describeInvites, useCreatedInvites } from '../../app/useMyInvites';
import { useMessages } from '../../i18n/featureMessages';
import { paths, shareUrl } from '../../router/routes';
import type { InviteSecret } from '../../storage/AccessStore';
import { shareLinkMessages } from './shareLinkMessages';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The link to give others. In a community with members it is this member's own
 * invite (many uses): whoever joins with it is sponsored by them. In an open
 * community it only carries the relay capability.
 */
export function ShareLink(props: { id: CommunityId; document: CrdtDocument; isMember: boolean }) {
  const t = useMessages(shareLinkMessages);
  const { membership } = useServices();
  const access = useCommunityAccess(props.id);
  const created = useCreatedInvites(props.id);
  const [busy, setBusy] = useState(false);
  // Only a device that holds the capability can invite others.
  if (!access || access.readOnly || !created) return null;
  const members = hasMembership(props.document);
  if (!members) {
    return <LinkField url={shareUrl(window.location.origin, props.id, access.capability)} />;
  }
  if (!props.isMember) return null;
  const usable = describeInvites(props.document, created).find(
    (invite) => invite.state === 'valid' && invite.invite?.maxUses === null,
  );
  if (usable) {
    const secret: InviteSecret = { id: usable.inviteId, secret: usable.secret };
    return (
      <LinkField url={shareUrl(window.location.origin, props.id, access.capability, secret)} />
    );
  }

  async function create() {
    setBusy(true);
    await loadChangeCode();
    await membership.createInvite(props.id, COMMUNITY_LINK);
    setBusy(false);
  }

  return (
    <section className="share" aria-labelledby="share-title">
      <h2 id="share-title">{t('community.share')}</h2>
      <p className="share-row">
        <button type="button" data-testid="create-invite-link" disabled={busy} onClick={create}>
          {t('community.createInvite')}
        </button>
        <a href={paths.community(props.id, 'members')}>{t('community.manageInvites')}</a>
      </p>
    </section>
  );
}

function LinkField(props: { url: string }) {
  const t = useMessages(shareLinkMessages);
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyLink() {
    input.current?.select();
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(props.url);
      setCopy('copied');
    } catch {
      // Without the async clipboard (plain HTTP), fall back to the selection.
      setCopy(document.execCommand?.('copy') ? 'copied' : 'failed');
    }
  }

  return (
    <section className="share" aria-labelledby="share-title">
      <h2 id="share-title" className="visually-hidden">
        {t('community.share')}
      </h2>
      <div className="field">
        <label htmlFor="share-link">{t('community.share')}</label>
        <p className="field-hint" id="share-link-hint">
          {t('community.shareHint')}
        </p>
        <div className="share-row">
          <input
            id="share-link"
            data-testid="share-link"
            type="text"
            readOnly
            value={props.url}
            aria-describedby="share-link-hint"
            onFocus={(event) => event.target.select()}
            ref={input}
          />
          <button type="button" className="button-secondary" onClick={copyLink}>
            {t('community.copy')}
          </button>
        </div>
        <p className="share-status" aria-live="polite">
          {copy === 'copied'
            ? t('community.copied')
            : copy === 'failed'
              ? t('community.copyFailed')
              : ''}
        </p>
      </div>
    </section>
  );
}
