import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import type { CommunityId, DocEpoch } from '../../ids';
import { derived } from '../derived';
import { text } from '../fields';
import { foldedRecords } from '../records';
import { readEvent } from './events';
import { readMembers } from './members';
import { type Occurrence, occurrencesOf } from './recurrence';
import {
  COMMUNITY_SCHEMA_VERSION,
  type CommunityEvent,
  CommunityRoot,
  type CommunitySnapshot,
  type DocumentAccess,
  EventRecords,
  SNAPSHOT_ROOTS,
} from './schema';

const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Whether this code may write the document: never when it was written by a newer schema. */
export function communityAccess(doc: CrdtDocument): DocumentAccess {
  const version = doc.map(CommunityRoot.meta).getValue('schemaVersion');
  if (typeof version !== 'number') return { mode: 'empty' };
  if (version > COMMUNITY_SCHEMA_VERSION) {
    return { mode: 'read-only', reason: 'newer-schema', schemaVersion: version };
  }
  return { mode: 'read-write' };
}

export function compareEvents(a: CommunityEvent, b: CommunityEvent): number {
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A typed, immutable view of the document; undefined until the community exists in it. */
export function readCommunity(doc: CrdtDocument): CommunitySnapshot | undefined {
  return derived(doc, 'snapshot', SNAPSHOT_ROOTS, () => deriveSnapshot(doc));
}

function deriveSnapshot(doc: CrdtDocument): CommunitySnapshot | undefined {
  const meta = doc.map(CommunityRoot.meta);
  const schemaVersion = meta.getValue('schemaVersion');
  if (typeof schemaVersion !== 'number') return undefined;
  const profile = doc.map(CommunityRoot.profile);
  const events: CommunityEvent[] = [];
  for (const [id, record] of foldedRecords(doc, EventRecords)) {
    const event = readEvent(id, record.fields);
    if (event) events.push(event);
  }
  events.sort(compareEvents);
  return {
    id: doc.id as string as CommunityId,
    schemaVersion,
    epoch: text(meta, 'epoch') as DocEpoch,
    createdAt: text(meta, 'createdAt') as HlcTimestamp,
    profile: {
      name: text(profile, 'name'),
      description: text(profile, 'description'),
      city: text(profile, 'city'),
      themes: stringList(profile.getValue('themes')),
    },
    events,
    members: readMembers(doc),
  };
}

/** The next occurrence of an event (not cancelled) that has not ended at `now`, if any. */
export function nextOccurrence(event: CommunityEvent, now: Date): Occurrence | undefined {
  if (event.cancelled) return undefined;
  const from = now.toISOString();
  // Look ahead ten years: enough for a monthly event, bounded for one with no end.
  const to = new Date(now.getTime() + 10 * 366 * 86_400_000).toISOString();
  return occurrencesOf(event, from, to).find((occurrence) => !occurrence.cancelled);
}

/** Events with an occurrence still to come at `now`, soonest next occurrence first. */
export function upcomingEvents(snapshot: CommunitySnapshot, now: Date): CommunityEvent[] {
  const iso = now.toISOString();
  const upcoming: { event: CommunityEvent; start: string }[] = [];
  for (const event of snapshot.events) {
    if (event.cancelled) continue;
    if (!event.recurrence) {
      if (event.end >= iso) upcoming.push({ event, start: event.start });
      continue;
    }
    const next = nextOccurrence(event, now);
    if (next) upcoming.push({ event, start: next.start });
  }
  return upcoming
    .sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : compareEvents(a.event, b.event),
    )
    .map((entry) => entry.event);
}
