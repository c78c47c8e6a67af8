import type { CommunityId } from '@ensemble/shared';

/** Slot for the screen being built on its own branch (replaced before it lands). */
export function NewItemScreen(props: { id: CommunityId }) {
  return <h1 tabIndex={-1}>NewItemScreen {String(Object.keys(props).length)}</h1>;
}

export type { CommunityId };
