import type { CommunityId } from '@ensemble/shared';
import { lazy, Suspense } from 'react';

// The file export / import panel (and its compression code) is not needed to paint the
// home and community pages: it is loaded on demand, and precached for offline use. A
// secondary panel: it just appears once loaded (no "loading" text flashing by, nor
// announced to screen readers on every visit).
const FileTransfer = lazy(() =>
  import('./FileTransfer').then((module) => ({ default: module.FileTransfer })),
);

export function LazyFileTransfer(props: { id?: CommunityId }) {
  return (
    <Suspense fallback={null}>
      <FileTransfer {...props} />
    </Suspense>
  );
}
