import type { HybridLogicalClock } from '../../clock/HybridLogicalClock';
import type { CrdtDocument } from '../../crdt/DocumentPort';
import { type EventId, newDocEpoch, newEventId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { LIMITS, validInstant, validText, validTimeZone } from '../validation';
import { communityAccess } from './read';
import { COMMUNITY_SCHEMA_VERSION, CommunityRoot } from './schema';

/** Who makes a change, and their clock. */
export interface ChangeContext {
  readonly clock: HybridLogicalClock;
}

export interface CreateCommunity {
  readonly type: 'createCommunity';
  readonly name: string;
  readonly description: string;
  readonly city: string;
}

export interface AddEvent {
  readonly type: 'addEvent';
  readonly id?: EventId;
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly place: string;
}

/** Every change to a community document is one of these named operations. */
export type CommunityChange = CreateCommunity | AddEvent;

export type ChangeOutcome =
  | { readonly type: 'createCommunity' }
  | { readonly type: 'addEvent'; readonly eventId: EventId };

export function applyCommunityChange(
  doc: CrdtDocument,
  change: CommunityChange,
  context: ChangeContext,
): Result<ChangeOutcome, DomainError> {
  const access = communityAccess(doc);
  if (access.mode === 'read-only') return err(domainError(DomainErrorReason.readOnly));
  switch (change.type) {
    case 'createCommunity':
      if (access.mode !== 'empty') return err(domainError(DomainErrorReason.alreadyExists));
      return createCommunity(doc, change, context);
    case 'addEvent':
      if (access.mode === 'empty') return err(domainError(DomainErrorReason.notInitialised));
      return addEvent(doc, change, context);
    default:
      return assertNever(change);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled community change: ${JSON.stringify(value)}`);
}

function createCommunity(
  doc: CrdtDocument,
  change: CreateCommunity,
  context: ChangeContext,
): Result<ChangeOutcome, DomainError> {
  const name = validText('name', change.name, LIMITS.communityName, true);
  if (!name.ok) return name;
  const description = validText('description', change.description, LIMITS.description, false);
  if (!description.ok) return description;
  const city = validText('city', change.city, LIMITS.city, false);
  if (!city.ok) return city;
  doc.transact(() => {
    const meta = doc.map(CommunityRoot.meta);
    meta.set('schemaVersion', COMMUNITY_SCHEMA_VERSION);
    meta.set('kind', 'community');
    meta.set('epoch', newDocEpoch());
    meta.set('createdAt', context.clock.now());
    const profile = doc.map(CommunityRoot.profile);
    profile.set('name', name.value);
    profile.set('description', description.value);
    profile.set('city', city.value);
  });
  return ok({ type: 'createCommunity' });
}

function addEvent(
  doc: CrdtDocument,
  change: AddEvent,
  context: ChangeContext,
): Result<ChangeOutcome, DomainError> {
  const title = validText('title', change.title, LIMITS.eventTitle, true);
  if (!title.ok) return title;
  const place = validText('place', change.place, LIMITS.place, false);
  if (!place.ok) return place;
  const start = validInstant('start', change.start);
  if (!start.ok) return start;
  const end = validInstant('end', change.end);
  if (!end.ok) return end;
  if (end.value < start.value) return err(domainError(DomainErrorReason.endBeforeStart, 'end'));
  const timeZone = validTimeZone('timeZone', change.timeZone);
  if (!timeZone.ok) return timeZone;
  const events = doc.map(CommunityRoot.events);
  const eventId = change.id ?? newEventId();
  if (events.has(eventId)) return err(domainError(DomainErrorReason.alreadyExists, 'id'));
  doc.transact(() => {
    // One nested map per event: organizers editing different fields offline both keep their edit.
    const event = events.setMap(eventId);
    event.set('title', title.value);
    event.set('start', start.value);
    event.set('end', end.value);
    event.set('timeZone', timeZone.value);
    event.set('place', place.value);
    event.set('createdAt', context.clock.now());
    event.set('createdBy', context.clock.node);
  });
  return ok({ type: 'addEvent', eventId });
}
