/** Why a domain change was refused. Stable strings: the UI translates them. */
export const DomainErrorReason = {
  required: 'required',
  tooLong: 'too-long',
  invalidDate: 'invalid-date',
  endBeforeStart: 'end-before-start',
  invalidTimeZone: 'invalid-time-zone',
  alreadyExists: 'already-exists',
  notInitialised: 'not-initialised',
  readOnly: 'read-only',
  unknownEvent: 'unknown-event',
  unknownMember: 'unknown-member',
  unknownInvite: 'unknown-invite',
  unknownItem: 'unknown-item',
  unknownTask: 'unknown-task',
  unknownProject: 'unknown-project',
  notAllowed: 'not-allowed',
  inviteExpired: 'invite-expired',
  inviteRevoked: 'invite-revoked',
  inviteUsedUp: 'invite-used-up',
  inviteMismatch: 'invite-mismatch',
  alreadyMember: 'already-member',
  eventCancelled: 'event-cancelled',
  invalidNumber: 'invalid-number',
  invalidState: 'invalid-state',
  unknownThread: 'unknown-thread',
  unknownPost: 'unknown-post',
  threadArchived: 'thread-archived',
} as const;
export type DomainErrorReason = (typeof DomainErrorReason)[keyof typeof DomainErrorReason];

export interface DomainError {
  readonly reason: DomainErrorReason;
  /** The input field at fault, when there is one (for form messages). */
  readonly field?: string;
  readonly limit?: number;
}

export function domainError(
  reason: DomainErrorReason,
  field?: string,
  limit?: number,
): DomainError {
  return {
    reason,
    ...(field === undefined ? {} : { field }),
    ...(limit === undefined ? {} : { limit }),
  };
}
