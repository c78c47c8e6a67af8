import type { Result } from '@ensemble/shared';
import type { ReadableStore } from '../../util/ValueStore';
import type { EncodedPairingCode, PairingCodeError } from './pairingCode';

/**
 * idle -> offered (this device showed an offer) -> connecting (it read the answer);
 * idle -> answered (this device read an offer and shows its answer);
 * then connected (syncing directly), or failed (the devices could not reach each other).
 */
export type PairingState =
  | 'idle'
  | 'offered'
  | 'answered'
  | 'connecting'
  | 'connected'
  | 'failed'
  | 'closed';

/** What the pairing screen drives (the WebRTC code behind it loads on demand). */
export interface PairingPort {
  readonly state: ReadableStore<PairingState>;
  /** Device A: the offer to show. */
  createOffer(): Promise<EncodedPairingCode>;
  /** Device B: reads A's offer (its QR parts or pasted text), returns the answer to show. */
  answerOffer(texts: readonly string[]): Promise<Result<EncodedPairingCode, PairingCodeError>>;
  /** Device A: reads B's answer; the devices then connect. */
  acceptAnswer(texts: readonly string[]): Promise<Result<void, PairingCodeError>>;
  /** Leaving the screen before the devices connected. */
  cancel(): void;
}
