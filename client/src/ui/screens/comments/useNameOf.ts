import type { CommunitySnapshot, MemberId } from '@ensemble/shared';
import { useCallback } from 'react';
import { useServices } from '../../../app/services';
import { useI18n } from '../../../i18n/I18nProvider';
import { personName } from '../event/eventView';

/** A person's name as shown here: "Vous", their member name, or "Participant·e XXXX". */
export function useNameOf(snapshot: CommunitySnapshot | undefined): {
  readonly me: MemberId;
  readonly nameOf: (id: string) => string;
} {
  const { t } = useI18n();
  const { repository } = useServices();
  const me = snapshot ? repository.selfIn(snapshot.id) : ('' as MemberId);
  const nameOf = useCallback(
    (memberId: string) => (snapshot ? personName(t, snapshot, memberId, me) : memberId),
    [t, snapshot, me],
  );
  return { me, nameOf };
}
