// Typed reasons a sealed record (membership operation, join request, content envelope) is
// refused, by clients offline and by the relay alike [SEAL3].

export const SealRefusalReason = {
  /** Bytes that do not parse, a missing or extra field, a non-canonical encoding. */
  Malformed: 'malformed',
  /** A record carrying another community's id. */
  WrongCommunity: 'wrong-community',
  /** prev/seq do not follow the head, or time runs backwards. */
  BrokenChain: 'broken-chain',
  /** A signature that does not verify, or a signer that is not a device of the community. */
  Forged: 'forged',
  /** A signer or sponsor whose membership was removed. */
  Revoked: 'revoked',
  /** A join request or sponsorship used after its expiry. */
  Expired: 'expired',
  /** Fewer valid sponsorships than the community's policy asks. */
  UnderSponsored: 'under-sponsored',
  /** A signer without the right for this operation (e.g. a non-founder removing someone). */
  NotAllowed: 'not-allowed',
  /** The device or member is already in, or the envelope was seen already. */
  Duplicate: 'duplicate',
  /** A content envelope or operation under another epoch than the current one. */
  StaleEpoch: 'stale-epoch',
  /** Key wraps that do not cover exactly the devices that must receive the epoch secret. */
  BadWraps: 'bad-wraps',
} as const;
export type SealRefusalReason = (typeof SealRefusalReason)[keyof typeof SealRefusalReason];

export interface SealRefusal {
  readonly reason: SealRefusalReason;
  readonly detail: string;
}

export function refusal(reason: SealRefusalReason, detail: string): SealRefusal {
  return { reason, detail };
}
