import type { CommunitySnapshot, MemberId } from '@ensemble/shared';
import { useCallback } from 'react';
import { useServices } from '../../../app/services';
import { useMessages } from '../../../i18n/featureMessages';
import { displayNameMessages } from '../event/displayNameMessages';
import { personName } from '../event/eventView';

/** A person's name as shown here: "Vous", their member name, or "Participant·e XXXX". */
export function useNameOf(snapshot: CommunitySnapshot | undefined): {
  readonly me: MemberId;
  readonly nameOf: (id: string) => string;
} {
  const t = useMessages(displayNameMessages);
  const { repository } = useServices();
  const me = snapshot ? repository.selfIn(snapshot.id) : ('' as MemberId);
  const nameOf = useCallback(
    (memberId: string) => (snapshot ? personName(t, snapshot, memberId, me) : memberId),
    [t, snapshot, me],
  );
  return { me, nameOf };
}
