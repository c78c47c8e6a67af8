/**
 * The code a member shows at the door, as a QR code: which event (and occurrence) and
 * who. Not a secret: it only saves the organizer typing a name, and the organizer sees
 * the name before anything is recorded. `ENSCHECKIN1` lets the scanner tell it from an
 * invite link or a pairing code.
 */
const PREFIX = 'ENSCHECKIN1';
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const OCCURRENCE = /^[0-9A-Za-z:_-]{0,40}$/;

export interface CheckInCode {
  readonly communityId: string;
  readonly eventId: string;
  readonly occurrence: string;
  readonly memberId: string;
}

export function encodeCheckInCode(code: CheckInCode): string {
  return [PREFIX, code.communityId, code.eventId, code.occurrence, code.memberId].join('|');
}

export type CheckInCodeProblem = 'not-a-check-in-code' | 'other-community' | 'other-event';

/** Reads a scanned text for this event's occurrence, or says why it does not fit. */
export function readCheckInCode(
  text: string,
  expected: { readonly communityId: string; readonly eventId: string; readonly occurrence: string },
): { ok: true; memberId: string } | { ok: false; problem: CheckInCodeProblem } {
  const parts = text.trim().split('|');
  if (parts.length !== 5 || parts[0] !== PREFIX)
    return { ok: false, problem: 'not-a-check-in-code' };
  const [, communityId = '', eventId = '', occurrence = '', memberId = ''] = parts;
  if (
    ![communityId, eventId, memberId].every((id) => ID.test(id)) ||
    !OCCURRENCE.test(occurrence)
  ) {
    return { ok: false, problem: 'not-a-check-in-code' };
  }
  if (communityId !== expected.communityId) return { ok: false, problem: 'other-community' };
  if (eventId !== expected.eventId || occurrence !== expected.occurrence) {
    return { ok: false, problem: 'other-event' };
  }
  return { ok: true, memberId };
}
