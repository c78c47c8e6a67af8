import type { HlcTimestamp } from '../../clock/HybridLogicalClock';
import type { CrdtDocument, JsonValue } from '../../crdt/DocumentPort';
import { type EventId, newEventId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { createRecord, editRecord, foldedRecords, hasRecord, type RecordFields } from '../records';
import { LIMITS, validInstant, validInteger, validText, validTimeZone } from '../validation';
import { actingMember, hasMembership, readEventById } from './access';
import type { ChangeContext } from './context';
import { findActiveMember, MemberRole } from './members';
import {
  isOccurrenceKey,
  type OccurrenceException,
  parseRecurrence,
  type Recurrence,
  validRecurrence,
} from './recurrence';
import { type CommunityEvent, type Coordinates, EventRecords } from './schema';

export interface EventFields {
  readonly title: string;
  readonly description?: string;
  /** The first (or only) occurrence's instants, ISO 8601 with an offset. */
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly place: string;
  readonly coordinates?: Coordinates | null;
  readonly capacity?: number | null;
  readonly recurrence?: Recurrence | null;
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
/** Cancels or moves one occurrence of a recurring event (null clears the exception). */
export interface SetOccurrenceException {
  readonly type: 'setOccurrenceException';
  readonly eventId: EventId;
  readonly occurrence: string;
  readonly exception:
    | { readonly cancelled: true }
    | { readonly start: string; readonly end: string }
    | null;
}
export type EventChange = AddEvent | UpdateEvent | SetEventCancelled | SetOccurrenceException;

const EXCEPTION_PREFIX = 'exception:';
export type EventOutcome = { readonly type: 'event'; readonly eventId: EventId };

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

export function readEvent(id: string, fields: RecordFields): CommunityEvent | undefined {
  const title = str(fields, 'title');
  const start = str(fields, 'start');
  if (!title || !start) return undefined;
  const capacity = fields.capacity;
  // Each occurrence's exception is its own field, so two organizers changing two
  // occurrences offline both keep their change.
  const exceptions: Record<string, OccurrenceException> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!field.startsWith(EXCEPTION_PREFIX) || typeof value !== 'object' || value === null)
      continue;
    const v = value as Record<string, JsonValue>;
    const key = field.slice(EXCEPTION_PREFIX.length);
    if (v.cancelled === true) exceptions[key] = { cancelled: true };
    else if (typeof v.start === 'string' && typeof v.end === 'string')
      exceptions[key] = { start: v.start, end: v.end };
  }
  const coordinates = fields.coordinates as { lat?: unknown; lon?: unknown } | null | undefined;
  return {
    id: id as EventId,
    title,
    description: str(fields, 'description'),
    start,
    end: str(fields, 'end') || start,
    timeZone: str(fields, 'timeZone') || 'UTC',
    place: str(fields, 'place'),
    coordinates:
      typeof coordinates?.lat === 'number' && typeof coordinates.lon === 'number'
        ? { lat: coordinates.lat, lon: coordinates.lon }
        : null,
    capacity: typeof capacity === 'number' && Number.isFinite(capacity) ? capacity : null,
    recurrence: parseRecurrence(fields.recurrence),
    exceptions,
    cancelled: fields.cancelled === true,
    createdAt: str(fields, 'createdAt') as HlcTimestamp,
    createdBy: str(fields, 'createdBy'),
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
  if (fields.description !== undefined) {
    const description = validText('description', fields.description, LIMITS.description, false);
    if (!description.ok) return description;
    out.description = description.value;
  }
  if (fields.coordinates !== undefined && fields.coordinates !== null) {
    const { lat, lon } = fields.coordinates;
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
      return err(domainError(DomainErrorReason.invalidNumber, 'coordinates'));
    }
  }
  if (fields.coordinates !== undefined) out.coordinates = fields.coordinates;
  if (fields.recurrence !== undefined && fields.recurrence !== null) {
    const recurrence = validRecurrence(fields.recurrence);
    if (!recurrence.ok) return recurrence;
    out.recurrence = recurrence.value;
  } else if (fields.recurrence === null) {
    out.recurrence = null;
  }
  if (fields.capacity !== undefined && fields.capacity !== null) {
    const capacity = validInteger('capacity', fields.capacity, 0, 100_000);
    if (!capacity.ok) return capacity;
  }
  if (fields.capacity !== undefined) out.capacity = fields.capacity;
  return ok(out);
}

/** The validated fields as a JSON record (undefined fields left out). */
function toRecord(fields: Partial<EventFields>): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = {};
  for (const [field, value] of Object.entries(fields)) {
    // Recurrence and coordinates are plain objects of numbers and strings.
    if (value !== undefined) record[field] = value as JsonValue;
  }
  return record;
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
    const eventId = change.id ?? newEventId();
    if (hasRecord(doc, EventRecords, eventId)) {
      return err(domainError(DomainErrorReason.alreadyExists, 'id'));
    }
    const record = {
      capacity: null,
      ...toRecord(fields.value),
      createdAt: context.clock.now(),
      createdBy: actor.value,
    };
    doc.transact(() => createRecord(doc, EventRecords, eventId, record));
    return ok({ type: 'event', eventId });
  }
  const current = readEventById(doc, change.eventId);
  if (!current) return err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
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
  // An edit comes after everything this device has seen of the event.
  context.clock.observe(current.createdAt);
  const lastEdit = foldedRecords(doc, EventRecords).get(change.eventId)?.lastEdit;
  if (lastEdit) context.clock.observe(lastEdit);
  if (change.type === 'setOccurrenceException') {
    if (!isOccurrenceKey(current, change.occurrence) || change.occurrence === '') {
      return err(domainError(DomainErrorReason.invalidDate, 'occurrence'));
    }
    let exception: JsonValue = null;
    if (change.exception && 'start' in change.exception) {
      const start = validInstant('start', change.exception.start);
      if (!start.ok) return start;
      const end = validInstant('end', change.exception.end);
      if (!end.ok) return end;
      if (end.value < start.value) return err(domainError(DomainErrorReason.endBeforeStart, 'end'));
      exception = { start: start.value, end: end.value };
    } else if (change.exception) {
      exception = { cancelled: true };
    }
    const stamp = context.clock.now();
    doc.transact(() =>
      editRecord(doc, EventRecords, change.eventId, stamp, {
        [`${EXCEPTION_PREFIX}${change.occurrence}`]: exception,
      }),
    );
    return ok({ type: 'event', eventId: change.eventId });
  }
  if (change.type === 'setEventCancelled') {
    const stamp = context.clock.now();
    doc.transact(() =>
      editRecord(doc, EventRecords, change.eventId, stamp, { cancelled: change.cancelled }),
    );
    return ok({ type: 'event', eventId: change.eventId });
  }
  const { type: _type, eventId: _id, ...edits } = change;
  const fields = validFields(edits, current);
  if (!fields.ok) return fields;
  const stamp = context.clock.now();
  doc.transact(() => editRecord(doc, EventRecords, change.eventId, stamp, toRecord(fields.value)));
  return ok({ type: 'event', eventId: change.eventId });
}
