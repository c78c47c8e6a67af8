import {
  type CommunityId,
  type DiscussionThread,
  listThreads,
  readThread,
  type ThreadId,
  type ThreadView,
} from '@ensemble/shared';
import { useMemo } from 'react';
import type { CommunityView } from '../../../app/CommunitySession';
import { useCommunity } from '../../../app/hooks';

/**
 * The community's threads, read through the domain API; the view changes after every
 * change of the document (local or remote), so the list follows.
 */
export function useThreads(id: CommunityId): readonly DiscussionThread[] {
  const view = useCommunity(id);
  return useMemo(() => (view.status === 'ready' ? listThreads(view.document) : []), [view]);
}

/** One thread and its posts in order; undefined while loading or when it does not exist. */
export function useThread(
  id: CommunityId,
  threadId: string,
): { readonly view: CommunityView; readonly thread: ThreadView | undefined } {
  const view = useCommunity(id);
  return useMemo(
    () => ({
      view,
      thread: view.status === 'ready' ? readThread(view.document, threadId as ThreadId) : undefined,
    }),
    [view, threadId],
  );
}
