import {
  type CommunityId,
  type CrdtDocument,
  decodeHlc,
  type Invite,
  readInvites,
  readMembers,
} from '@ensemble/shared';
import { useEffect, useState } from 'react';
import type { CreatedInvite } from '../storage/InviteStore';
import { toStorageError } from '../storage/StorageError';
import { useServices } from './services';

/** An invite this device created, with what the document says of it now. */
export interface MyInvite extends CreatedInvite {
  /** Undefined until the document holds it (it always does on the creating device). */
  readonly invite: Invite | undefined;
  readonly uses: number;
  readonly state: 'valid' | 'expired' | 'revoked' | 'used-up';
}

/** The invites this device created for a community, newest first (undefined while loading). */
export function useCreatedInvites(id: CommunityId): readonly CreatedInvite[] | undefined {
  const { invites, storageProblem } = useServices();
  const [list, setList] = useState<readonly CreatedInvite[]>();
  useEffect(
    () => invites.watch(id, setList, (error) => storageProblem.set(toStorageError(error).reason)),
    [invites, id, storageProblem],
  );
  return list;
}

export function describeInvites(
  doc: CrdtDocument,
  created: readonly CreatedInvite[],
  now = Date.now(),
): MyInvite[] {
  const inDoc = readInvites(doc);
  const members = readMembers(doc);
  return created.map((mine) => {
    const invite = inDoc.get(mine.inviteId);
    const uses = members.filter((member) => member.invite === mine.inviteId).length;
    const state: MyInvite['state'] = !invite
      ? 'valid'
      : invite.revokedAt !== null
        ? 'revoked'
        : Date.parse(invite.expiresAt) < now
          ? 'expired'
          : invite.maxUses !== null && uses >= invite.maxUses
            ? 'used-up'
            : 'valid';
    return { ...mine, invite, uses, state };
  });
}

/** When the member joined, as a Date (for display). */
export function hlcDate(stamp: string): Date | undefined {
  const parts = decodeHlc(stamp);
  return parts ? new Date(parts.wallMs) : undefined;
}
