import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CommunityId, DocEpoch, EventId } from '../../ids';
import type { Migration } from '../migrations';
import type { Member } from './members';
import type { OccurrenceException, Recurrence } from './recurrence';

/** Schema version written by this code. Older code opening a newer document stays read-only. */
export const COMMUNITY_SCHEMA_VERSION = 1;

/**
 * Steps from older schema versions (none yet: version 1 is the first released).
 * Run with `migrateDocument(doc, CommunityRoot.meta, COMMUNITY_SCHEMA_VERSION, COMMUNITY_MIGRATIONS)`.
 */
export const COMMUNITY_MIGRATIONS: readonly Migration[] = [];

/** Root maps of a community document. */
export const CommunityRoot = {
  meta: 'meta',
  profile: 'profile',
  /** Event records (one JSON value each) and their edit log `eventId|hlc` (see records.ts). */
  events: 'events',
  eventEdits: 'eventEdits',
  members: 'members',
  memberEdits: 'memberEdits',
  invites: 'invites',
  inviteEdits: 'inviteEdits',
  /** Flat map `eventId|occurrence|memberId` -> RSVP (each member writes only their own key). */
  rsvps: 'rsvps',
  /** Flat map `eventId|occurrence|memberId` -> check-in by an organizer. */
  checkins: 'checkins',
  items: 'items',
  itemEdits: 'itemEdits',
  /** Flat map `itemId|memberId` -> claim in an item's queue. */
  itemClaims: 'itemClaims',
  /** Flat map `itemId|hlc` -> handover or return recorded by the item's owner. */
  itemLog: 'itemLog',
  /** The index of the community's projects (each project is its own document). */
  projects: 'projects',
  projectEdits: 'projectEdits',
  /** Discussion threads (title, archived) and their edit log. */
  threads: 'threads',
  threadEdits: 'threadEdits',
  /**
   * Posts of discussion threads and comments, one record each, and their edit
   * log; a post's `on` names its conversation: `thread:<id>`,
   * `event:<id>|<occurrence>`, `item:<id>` or `project:<id>`.
   */
  posts: 'posts',
  postEdits: 'postEdits',
  /** Attachments (photos and files) of items and posts: blob references, never bytes. */
  attachments: 'attachments',
  attachmentEdits: 'attachmentEdits',
  /** The public directory: whether the community is listed, and how to join it. */
  directory: 'directory',
  /** Flat map eventId -> true for events organizers marked public (the directory shows them). */
  publicEvents: 'publicEvents',
} as const;

/** Roots each derived view reads: it is recomputed only when one of them changes. */
export const MEMBER_ROOTS = [
  CommunityRoot.meta,
  CommunityRoot.members,
  CommunityRoot.memberEdits,
  CommunityRoot.invites,
  CommunityRoot.inviteEdits,
] as const;
export const EVENT_ROOTS = [CommunityRoot.events, CommunityRoot.eventEdits] as const;
export const ATTENDANCE_ROOTS = [
  ...MEMBER_ROOTS,
  ...EVENT_ROOTS,
  CommunityRoot.rsvps,
  CommunityRoot.checkins,
] as const;
export const ITEM_ROOTS = [
  CommunityRoot.items,
  CommunityRoot.itemEdits,
  CommunityRoot.itemClaims,
  CommunityRoot.itemLog,
] as const;
export const POST_ROOTS = [CommunityRoot.posts, CommunityRoot.postEdits] as const;
export const THREAD_ROOTS = [
  CommunityRoot.threads,
  CommunityRoot.threadEdits,
  ...POST_ROOTS,
] as const;
export const ATTACHMENT_ROOTS = [CommunityRoot.attachments, CommunityRoot.attachmentEdits] as const;
export const SNAPSHOT_ROOTS = [...MEMBER_ROOTS, ...EVENT_ROOTS, CommunityRoot.profile] as const;

/** Record stores (see records.ts): one JSON value per record plus an edit log. */
export const EventRecords = {
  records: CommunityRoot.events,
  edits: CommunityRoot.eventEdits,
} as const;
export const MemberRecords = {
  records: CommunityRoot.members,
  edits: CommunityRoot.memberEdits,
} as const;
export const InviteRecords = {
  records: CommunityRoot.invites,
  edits: CommunityRoot.inviteEdits,
} as const;
export const ProjectIndexRecords = {
  records: CommunityRoot.projects,
  edits: CommunityRoot.projectEdits,
} as const;
export const ItemRecords = {
  records: CommunityRoot.items,
  edits: CommunityRoot.itemEdits,
} as const;
export const ThreadRecords = {
  records: CommunityRoot.threads,
  edits: CommunityRoot.threadEdits,
} as const;
export const PostRecords = {
  records: CommunityRoot.posts,
  edits: CommunityRoot.postEdits,
} as const;

export const AttachmentRecords = {
  records: CommunityRoot.attachments,
  edits: CommunityRoot.attachmentEdits,
} as const;

export interface CommunityProfile {
  readonly name: string;
  readonly description: string;
  readonly city: string;
  readonly themes: readonly string[];
}

export interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

export interface CommunityEvent {
  readonly id: EventId;
  readonly title: string;
  readonly description: string;
  /** UTC instant, ISO 8601. */
  readonly start: string;
  readonly end: string;
  /** IANA time zone the event is held in (for display and calendar export). */
  readonly timeZone: string;
  readonly place: string;
  readonly coordinates: Coordinates | null;
  /** Null for a one-off event. */
  readonly recurrence: Recurrence | null;
  /** Per occurrence key (its scheduled local date): cancelled or moved. */
  readonly exceptions: Readonly<Record<string, OccurrenceException>>;
  /** Seats (per occurrence); null when unlimited. */
  readonly capacity: number | null;
  /** Soft-deleted: RSVPs no longer count; organizers can restore it. */
  readonly cancelled: boolean;
  readonly createdAt: HlcTimestamp;
  /** The member who created it (in an open community, the device). */
  readonly createdBy: string;
}

export interface CommunitySnapshot {
  readonly id: CommunityId;
  readonly schemaVersion: number;
  readonly epoch: DocEpoch;
  readonly createdAt: HlcTimestamp;
  readonly profile: CommunityProfile;
  /** Every event (cancelled ones included), ordered by start, then id. */
  readonly events: readonly CommunityEvent[];
  /** Valid members (see MEM3), in join order; empty in an open community. */
  readonly members: readonly Member[];
}

export type DocumentAccess =
  | { readonly mode: 'read-write' }
  | { readonly mode: 'read-only'; readonly reason: 'newer-schema'; readonly schemaVersion: number }
  | { readonly mode: 'empty' };
