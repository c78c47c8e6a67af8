import { lazy, Suspense } from 'react';

// "Join with a QR code" is not needed to paint the page: its texts load just after it,
// and the scanner (jsQR) only when it is opened. All are precached for offline use.
const JoinByQr = lazy(() => import('./JoinByQr').then((module) => ({ default: module.JoinByQr })));

/** The "Join with a QR code" button and its scanner, for the home page and the join panel. */
export function LazyJoinByQr() {
  return (
    <Suspense fallback={null}>
      <JoinByQr />
    </Suspense>
  );
}
