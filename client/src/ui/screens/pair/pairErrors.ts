import type { FeatureTranslate } from '../../../i18n/featureMessages';
import type { PairingCodeError } from '../../../sync/webrtc/pairingCode';
// Not shared's assertNever: this chunk imports no value from shared, which would split the
// first load's shared chunks further (see sync/webrtc/wireCodec.ts).
import { unreachable } from '../../../sync/webrtc/wireCodec';
import type { PairMessageKey } from './messages';

export function pairingErrorMessage(
  error: PairingCodeError,
  t: FeatureTranslate<PairMessageKey>,
): string {
  switch (error.reason) {
    case 'not-a-code':
    case 'damaged':
    case 'mixed-codes':
    case 'newer-version':
    case 'wrong-community':
    case 'other-document':
    case 'other-pairing':
      return t(`error.${error.reason}`);
    case 'missing-parts':
      return t('error.missing-parts', { read: error.read, total: error.total });
    case 'unexpected-kind':
      // Expected an answer and got an offer, or the reverse.
      return t(error.expected === 'answer' ? 'error.unexpected-offer' : 'error.unexpected-answer');
    default:
      return unreachable(error);
  }
}
