import type { CommunityId } from '@ensemble/shared';

/** Slot for the screen being built on its own branch (replaced before it lands). */
export function ItemScreen(props: { id: CommunityId; itemId: string }) {
  return <h1 tabIndex={-1}>ItemScreen {String(Object.keys(props).length)}</h1>;
}

export type { CommunityId };
