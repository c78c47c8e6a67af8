import {
  type CommunityId,
  type ItemId,
  listItems,
  readItem,
  type SharedItem,
} from '@ensemble/shared';
import { useMemo } from 'react';
import type { CommunityView } from '../../../app/CommunitySession';
import { useCommunity } from '../../../app/hooks';

/**
 * A community's items, read through the domain API. The view changes after every change
 * of the document (local or remote), so the list follows; the domain memoises the rest.
 */
export function useItems(id: CommunityId): {
  readonly view: CommunityView;
  readonly items: readonly SharedItem[];
} {
  const view = useCommunity(id);
  const items = useMemo(() => (view.status === 'ready' ? listItems(view.document) : []), [view]);
  return { view, items };
}

/** One item; undefined while loading or when it does not exist. */
export function useItem(
  id: CommunityId,
  itemId: string,
): { readonly view: CommunityView; readonly item: SharedItem | undefined } {
  const view = useCommunity(id);
  return useMemo(
    () => ({
      view,
      item: view.status === 'ready' ? readItem(view.document, itemId as ItemId) : undefined,
    }),
    [view, itemId],
  );
}
