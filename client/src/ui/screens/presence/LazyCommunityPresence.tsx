import type { CommunityId } from '@ensemble/shared';
import { lazy, Suspense } from 'react';

// Who is here now: not needed to paint the page, loaded just after it (and precached).
const CommunityPresence = lazy(() =>
  import('./CommunityPresence').then((module) => ({ default: module.CommunityPresence })),
);

export function LazyCommunityPresence(props: { id: CommunityId }) {
  return (
    <Suspense fallback={null}>
      <CommunityPresence id={props.id} />
    </Suspense>
  );
}
