import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CommunityId, DeviceId, DocEpoch, EventId } from '../../ids';

/** Schema version written by this code. Older code opening a newer document stays read-only. */
export const COMMUNITY_SCHEMA_VERSION = 1;

/** Root maps of a community document. */
export const CommunityRoot = {
  meta: 'meta',
  profile: 'profile',
  events: 'events',
} as const;

export interface CommunityProfile {
  readonly name: string;
  readonly description: string;
  readonly city: string;
}

export interface CommunityEvent {
  readonly id: EventId;
  readonly title: string;
  /** UTC instant, ISO 8601. */
  readonly start: string;
  readonly end: string;
  /** IANA time zone the event is held in (for display and calendar export). */
  readonly timeZone: string;
  readonly place: string;
  readonly createdAt: HlcTimestamp;
  readonly createdBy: DeviceId;
}

export interface CommunitySnapshot {
  readonly id: CommunityId;
  readonly schemaVersion: number;
  readonly epoch: DocEpoch;
  readonly createdAt: HlcTimestamp;
  readonly profile: CommunityProfile;
  /** Every event, ordered by start, then id. */
  readonly events: readonly CommunityEvent[];
}

export type DocumentAccess =
  | { readonly mode: 'read-write' }
  | { readonly mode: 'read-only'; readonly reason: 'newer-schema'; readonly schemaVersion: number }
  | { readonly mode: 'empty' };
