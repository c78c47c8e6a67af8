/** Branded identifiers: a CommunityId cannot be passed where an EventId is expected. */
export type CommunityId = string & { readonly __brand: 'CommunityId' };
export type EventId = string & { readonly __brand: 'EventId' };
export type DocId = string & { readonly __brand: 'DocId' };
export type DeviceId = string & { readonly __brand: 'DeviceId' };
export type DocEpoch = string & { readonly __brand: 'DocEpoch' };
/** A member: derived from their device public key by the client (see client identity). */
export type MemberId = string & { readonly __brand: 'MemberId' };
export type InviteId = string & { readonly __brand: 'InviteId' };
export type ItemId = string & { readonly __brand: 'ItemId' };
export type ProjectId = string & { readonly __brand: 'ProjectId' };
export type TaskId = string & { readonly __brand: 'TaskId' };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 128 random bits as 22 URL-safe characters (base64url without padding). */
export function randomId128(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
  }
  if (bits > 0) out += ALPHABET[(value << (6 - bits)) & 63];
  return out;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** True for ids this code base generates (and the relay accepts as room ids). */
export function isWellFormedId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export const newCommunityId = (): CommunityId => randomId128() as CommunityId;
export const newEventId = (): EventId => randomId128() as EventId;
export const newDeviceId = (): DeviceId => randomId128() as DeviceId;
export const newDocEpoch = (): DocEpoch => randomId128() as DocEpoch;
export const newInviteId = (): InviteId => randomId128() as InviteId;
export const newItemId = (): ItemId => randomId128() as ItemId;
export const newProjectId = (): ProjectId => randomId128() as ProjectId;
export const newTaskId = (): TaskId => randomId128() as TaskId;
/** A project's document id is its project id. */
export const projectDocId = (id: ProjectId): DocId => id as string as DocId;

/** A community's document id is its community id: one document per community. */
export const communityDocId = (id: CommunityId): DocId => id as string as DocId;

export function parseCommunityId(value: string): CommunityId | undefined {
  return isWellFormedId(value) ? (value as CommunityId) : undefined;
}
