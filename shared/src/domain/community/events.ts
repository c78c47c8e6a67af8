import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument, CrdtMap } from '../../crdt/DocumentPort';
import { type EventId, newEventId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { LIMITS, validInstant, validInteger, validText, validTimeZone } from '../validation';
import { actingMember, hasMembership, readEventById } from './access';
import type { ChangeContext } from './context';
import { numberOrNull, text } from './fields';
import { findActiveMember, MemberRole } from './members';
import { type CommunityEvent, CommunityRoot } from './schema';

export interface EventFields {
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly place: string;
  readonly capacity?: number | null;
}
export interface AddEvent extends EventFields {
  readonly type: 'addEvent';
  readonly id?: EventId;
}
export interface UpdateEvent extends Partial<EventFields> {
  readonly type: 'updateEvent';
  readonly eventId: EventId;
}
export interface SetEventCancelled {
  readonly type: 'setEventCancelled';
  readonly eventId: EventId;
  readonly cancelled: boolean;
}
export type EventChange = AddEvent | UpdateEvent | SetEventCancelled;
export type EventOutcome = { readonly type: 'event'; readonly eventId: EventId };

export function readEvent(id: string, map: CrdtMap): CommunityEvent | undefined {
  const title = text(map, 'title');
  const start = text(map, 'start');
  // A half-synced event (fields still arriving) is not shown rather than shown broken.
  if (!title || !start) return undefined;
  return {
    id: id as EventId,
    title,
    start,
    end: text(map, 'end') || start,
    timeZone: text(map, 'timeZone') || 'UTC',
    place: text(map, 'place'),
    capacity: numberOrNull(map, 'capacity'),
    cancelled: map.getValue('cancelled') === true,
    createdAt: text(map, 'createdAt') as HlcTimestamp,
    createdBy: text(map, 'createdBy'),
  };
}

/** Validates the given fields; missing ones (in an update) are left as they are. */
function validFields(
  fields: Partial<EventFields>,
  current?: CommunityEvent,
): Result<Partial<EventFields>, DomainError> {
  const out: { -readonly [K in keyof EventFields]?: EventFields[K] } = {};
  if (fields.title !== undefined) {
    const title = validText('title', fields.title, LIMITS.eventTitle, true);
    if (!title.ok) return title;
    out.title = title.value;
  }
  if (fields.place !== undefined) {
    const place = validText('place', fields.place, LIMITS.place, false);
    if (!place.ok) return place;
    out.place = place.value;
  }
  for (const field of ['start', 'end'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    const instant = validInstant(field, value);
    if (!instant.ok) return instant;
    out[field] = instant.value;
  }
  const start = out.start ?? current?.start;
  const end = out.end ?? current?.end;
  if (start && end && end < start) return err(domainError(DomainErrorReason.endBeforeStart, 'end'));
  if (fields.timeZone !== undefined) {
    const zone = validTimeZone('timeZone', fields.timeZone);
    if (!zone.ok) return zone;
    out.timeZone = zone.value;
  }
  if (fields.capacity !== undefined && fields.capacity !== null) {
    const capacity = validInteger('capacity', fields.capacity, 0, 100_000);
    if (!capacity.ok) return capacity;
  }
  if (fields.capacity !== undefined) out.capacity = fields.capacity;
  return ok(out);
}

function writeFields(map: CrdtMap, fields: Partial<EventFields>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value !== undefined) map.set(field, value);
  }
}

export function applyEventChange(
  doc: CrdtDocument,
  change: EventChange,
  context: ChangeContext,
): Result<EventOutcome, DomainError> {
  if (change.type === 'addEvent') {
    const fields = validFields(change);
    if (!fields.ok) return fields;
    if (fields.value.start === undefined)
      return err(domainError(DomainErrorReason.required, 'start'));
    const actor = actingMember(doc, context, null);
    if (!actor.ok) return actor;
    const events = doc.map(CommunityRoot.events);
    const eventId = change.id ?? newEventId();
    if (events.has(eventId)) return err(domainError(DomainErrorReason.alreadyExists, 'id'));
    doc.transact(() => {
      // One nested map per event: organizers editing different fields offline both keep their edit.
      const map = events.setMap(eventId);
      writeFields(map, { capacity: null, ...fields.value });
      map.set('cancelled', false);
      map.set('createdAt', context.clock.now());
      map.set('createdBy', actor.value);
    });
    return ok({ type: 'event', eventId });
  }
  const current = readEventById(doc, change.eventId);
  const map = doc.map(CommunityRoot.events).getMap(change.eventId);
  if (!current || !map) return err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
  // [EVT5] An event is edited or cancelled by its creator or an organizer.
  const actor = actingMember(doc, context, null);
  if (!actor.ok) return actor;
  if (
    hasMembership(doc) &&
    current.createdBy !== actor.value &&
    findActiveMember(doc, actor.value)?.role !== MemberRole.organizer
  ) {
    return err(domainError(DomainErrorReason.notAllowed, 'actor'));
  }
  if (change.type === 'setEventCancelled') {
    doc.transact(() => map.set('cancelled', change.cancelled));
    return ok({ type: 'event', eventId: change.eventId });
  }
  const { type: _type, eventId: _id, ...edits } = change;
  const fields = validFields(edits, current);
  if (!fields.ok) return fields;
  doc.transact(() => writeFields(map, fields.value));
  return ok({ type: 'event', eventId: change.eventId });
}
