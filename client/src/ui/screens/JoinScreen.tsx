import type { Capability, CommunityId } from '@ensemble/shared';
import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useI18n } from '../../i18n/I18nProvider';
import { paths } from '../../router/routes';
import type { InviteSecret } from '../../storage/AccessStore';
import { useDocumentTitle } from '../useDocumentTitle';

/**
 * Following an invite link: keeps its capability on this device, then opens the
 * community. The link is replaced in the history, so the secret does not stay in
 * the address bar or the back button.
 */
export function JoinScreen(props: {
  id: CommunityId;
  capability: Capability;
  invite: InviteSecret | undefined;
}) {
  const { t } = useI18n();
  const { repository } = useServices();
  const [failed, setFailed] = useState(false);
  useDocumentTitle(t('join.title'));
  const { id, capability, invite } = props;

  useEffect(() => {
    let cancelled = false;
    repository.acceptInvite(id, capability, invite).then(
      () => {
        if (!cancelled) window.location.replace(paths.community(id));
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [repository, id, capability, invite]);

  return (
    <>
      <h1 tabIndex={-1}>{t('join.title')}</h1>
      <p role="status">{failed ? t('storage.failed') : t('join.saving')}</p>
    </>
  );
}
