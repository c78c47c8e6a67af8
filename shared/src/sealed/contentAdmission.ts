// Whether a (signature-checked) envelope may be stored now, against the verified membership
// log [SEAL14]: same community, the author a current device, the current epoch, and a counter
// above the last one stored for that author in that room. The relay runs this on every write.

import { err, ok, type Result } from '../result';
import type { EnvelopeHeader } from './envelope';
import { isCurrentDevice, type MembershipState } from './membership/state';
import { SealRefusalReason as R, refusal, type SealRefusal } from './refusal';

export function admitEnvelope(
  state: MembershipState,
  header: EnvelopeHeader,
  lastCounter: number | undefined,
): Result<void, SealRefusal> {
  if (header.community !== state.community) {
    return err(refusal(R.WrongCommunity, 'envelope for another community'));
  }
  if (!state.devices.has(header.author)) return err(refusal(R.Forged, 'author is not a device'));
  if (!isCurrentDevice(state, header.author)) return err(refusal(R.Revoked, 'author was removed'));
  if (header.epoch !== state.epoch) {
    return err(refusal(R.StaleEpoch, `epoch ${header.epoch}, current ${state.epoch}`));
  }
  if (lastCounter !== undefined && header.counter <= lastCounter) {
    return err(refusal(R.Duplicate, `counter ${header.counter} after ${lastCounter}`));
  }
  return ok(undefined);
}
