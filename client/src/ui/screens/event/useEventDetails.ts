import {
  type Attendance,
  attendance,
  type CommunityId,
  type EventId,
  type Post,
  readComments,
} from '@ensemble/shared';
import { useMemo } from 'react';
import type { CommunityView } from '../../../app/CommunitySession';
import { useServices } from '../../../app/services';

export interface EventDetails {
  readonly attendance: Attendance;
  readonly comments: readonly Post[];
}

const NONE: EventDetails = {
  attendance: { confirmed: [], waitlist: [], maybe: [], notGoing: [], checkedIn: [] },
  comments: [],
};

/**
 * An occurrence's attendance and the event's comments, read through the domain API.
 * `view` changes after every change of the document (local or remote), so the lists follow.
 */
export function useEventDetails(
  id: CommunityId,
  view: CommunityView,
  eventId: EventId,
  occurrence: string | undefined,
): EventDetails {
  const { repository } = useServices();
  return useMemo(() => {
    const doc = repository.session(id).document;
    if (!doc || view.status !== 'ready' || occurrence === undefined) return NONE;
    return {
      attendance: attendance(doc, eventId, occurrence),
      comments: readComments(doc, { kind: 'event', eventId }),
    };
  }, [repository, id, view, eventId, occurrence]);
}
