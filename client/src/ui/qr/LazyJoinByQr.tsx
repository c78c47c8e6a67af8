import { optionalPart } from '../optionalPart';

// "Join with a QR code" is not needed to paint the page: its texts load just after it,
// and the scanner (jsQR) only when it is opened. All are precached for offline use.
const JoinByQr = optionalPart(() => import('./JoinByQr').then((module) => module.JoinByQr));

/** The "Join with a QR code" button and its scanner, for the home page and the join panel. */
export function LazyJoinByQr() {
  return <JoinByQr />;
}
