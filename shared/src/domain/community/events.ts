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
import { type CommunityEvent, EventRecords } from './schema';

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

const str = (fields: RecordFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

export function readEvent(id: string, fields: RecordFields): CommunityEvent | undefined {
  const title = str(fields, 'title');
  const start = str(fields, 'start');
  if (!title || !start) return undefined;
  const capacity = fields.capacity;
  return {
    id: id as EventId,
    title,
    start,
    end: str(fields, 'end') || start,
    timeZone: str(fields, 'timeZone') || 'UTC',
    place: str(fields, 'place'),
    capacity: typeof capacity === 'number' && Number.isFinite(capacity) ? capacity : null,
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
    if (value !== undefined) record[field] = value;
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
