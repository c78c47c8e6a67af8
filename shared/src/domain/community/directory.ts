import type { CrdtDocument } from '../../crdt/DocumentPort';
import {
  DIRECTORY_LIMITS,
  type DirectoryListing,
  type JoinPath,
  parseDirectoryListing,
} from '../../directory/listing';
import type { EventId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import { actingMember, readEventById } from './access';
import type { ChangeContext } from './context';
import { MemberRole } from './members';
import { readCommunity } from './read';
import { CommunityRoot } from './schema';

/**
 * A community's choice to appear in its relay's public directory, and the events its
 * organizers marked public. Only organizers change them [DIR1]. The listing built from
 * them holds the name, city and themes, the join path and the next public events,
 * nothing else [DIR2].
 */
export interface SetDirectoryListing {
  readonly type: 'setDirectoryListing';
  readonly listed: boolean;
  readonly join: JoinPath;
}
export interface SetEventPublic {
  readonly type: 'setEventPublic';
  readonly eventId: EventId;
  readonly public: boolean;
}
export type DirectoryChange = SetDirectoryListing | SetEventPublic;
export type DirectoryOutcome = { readonly type: 'directory' };

export interface DirectorySettings {
  readonly listed: boolean;
  readonly join: JoinPath | undefined;
  /** Events marked public (ids). */
  readonly publicEvents: ReadonlySet<string>;
}

export function readDirectorySettings(doc: CrdtDocument): DirectorySettings {
  const settings = doc.map(CommunityRoot.directory);
  const publicEvents = doc.map(CommunityRoot.publicEvents);
  const join = settings.getValue('join');
  const ids = [...publicEvents.keys()].filter((id) => publicEvents.getValue(id) === true);
  return {
    listed: settings.getValue('listed') === true,
    join: typeof join === 'object' && join !== null ? (join as unknown as JoinPath) : undefined,
    publicEvents: new Set(ids),
  };
}

export function applyDirectoryChange(
  doc: CrdtDocument,
  change: DirectoryChange,
  context: ChangeContext,
): Result<DirectoryOutcome, DomainError> {
  const actor = actingMember(doc, context, MemberRole.organizer);
  if (!actor.ok) return actor;
  switch (change.type) {
    case 'setDirectoryListing': {
      const join = checkJoin(change.join);
      if (!join) return err(domainError(DomainErrorReason.required, 'join'));
      doc.transact(() => {
        const settings = doc.map(CommunityRoot.directory);
        settings.set('listed', change.listed);
        settings.set('join', { ...join });
      });
      return ok({ type: 'directory' });
    }
    case 'setEventPublic': {
      if (!readEventById(doc, change.eventId)) {
        return err(domainError(DomainErrorReason.unknownEvent, 'eventId'));
      }
      doc.transact(() => doc.map(CommunityRoot.publicEvents).set(change.eventId, change.public));
      return ok({ type: 'directory' });
    }
  }
}

function checkJoin(join: JoinPath): JoinPath | undefined {
  // The relay's own rules: a listing this device publishes must pass them.
  const probe = parseDirectoryListing({ v: 1, name: 'x', city: '', themes: [], events: [], join });
  return probe.ok ? probe.value.join : undefined;
}

/**
 * [DIR2] The listing to publish, or undefined when the community is not listed: name,
 * city, themes, join path, and the next public events (not cancelled, not over) with
 * their title, time and place. Nothing else of the document.
 */
export function directoryListingOf(doc: CrdtDocument, now: Date): DirectoryListing | undefined {
  const settings = readDirectorySettings(doc);
  const snapshot = readCommunity(doc);
  if (!settings.listed || !settings.join || !snapshot) return undefined;
  const events = snapshot.events
    .filter(
      (event) =>
        settings.publicEvents.has(event.id) &&
        !event.cancelled &&
        Date.parse(event.end) > now.getTime(),
    )
    .slice(0, DIRECTORY_LIMITS.events)
    .map((event) => ({
      title: event.title,
      start: event.start,
      end: event.end,
      place: event.place,
    }));
  return {
    v: 1,
    name: snapshot.profile.name,
    city: snapshot.profile.city,
    themes: [...snapshot.profile.themes],
    events,
    join: settings.join,
  };
}
