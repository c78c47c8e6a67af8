import type { CommunityId } from '@ensemble/shared';
import { optionalPart } from '../../optionalPart';

// Who is here now: not needed to paint the page, loaded just after it (and precached).
const CommunityPresence = optionalPart(() =>
  import('./CommunityPresence').then((module) => module.CommunityPresence),
);

export function LazyCommunityPresence(props: { id: CommunityId }) {
  return <CommunityPresence id={props.id} />;
}
