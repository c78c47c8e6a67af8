import type { CrdtDocument } from '../../crdt/DocumentPort';
import { newDocEpoch, type ProjectId } from '../../ids';
import { err, ok, type Result } from '../../result';
import { type DomainError, DomainErrorReason, domainError } from '../errors';
import {
  type AttachmentChange,
  type AttachmentOutcome,
  applyAttachmentChange,
} from './attachments';
import type { ChangeContext } from './context';
import { applyDirectoryChange, type DirectoryChange, type DirectoryOutcome } from './directory';
import { applyDiscussionChange, type DiscussionChange } from './discussions';
import { applyEventChange, type EventChange, type EventOutcome } from './events';
import { applyItemChange, type ItemChange, type ItemOutcome } from './items';
import {
  applyMemberChange,
  type MemberChange,
  type MemberOutcome,
  type NewMember,
  validNewMember,
  writeMember,
} from './memberChanges';
import { MemberRole } from './members';
import type { DiscussionOutcome } from './posts';
import {
  applyProfileChange,
  type ProfileFields,
  type UpdateProfile,
  validProfile,
  writeProfile,
} from './profile';
import { applyProjectIndexChange, type ProjectIndexChange } from './projects';
import { communityAccess } from './read';
import { applyRsvpChange, type RsvpChange } from './rsvp';
import { COMMUNITY_SCHEMA_VERSION, CommunityRoot } from './schema';

export interface CreateCommunity extends ProfileFields {
  readonly type: 'createCommunity';
  /** The first member and organizer. Without one the community is open (see MEM5). */
  readonly founder?: NewMember;
}

/** Every change to a community document is one of these named operations. */
export type CommunityChange =
  | CreateCommunity
  | UpdateProfile
  | EventChange
  | MemberChange
  | RsvpChange
  | ItemChange
  | ProjectIndexChange
  | DiscussionChange
  | AttachmentChange
  | DirectoryChange;

export type ChangeOutcome =
  | { readonly type: 'createCommunity' }
  | { readonly type: 'profile' }
  | EventOutcome
  | MemberOutcome
  | ItemOutcome
  | { readonly type: 'projectIndex'; readonly projectId: ProjectId }
  | { readonly type: 'rsvp' }
  | DiscussionOutcome
  | AttachmentOutcome
  | DirectoryOutcome;

export function applyCommunityChange(
  doc: CrdtDocument,
  change: CommunityChange,
  context: ChangeContext,
): Result<ChangeOutcome, DomainError> {
  const access = communityAccess(doc);
  if (access.mode === 'read-only') return err(domainError(DomainErrorReason.readOnly));
  if (change.type === 'createCommunity') {
    if (access.mode !== 'empty') return err(domainError(DomainErrorReason.alreadyExists));
    return createCommunity(doc, change, context);
  }
  if (access.mode === 'empty') return err(domainError(DomainErrorReason.notInitialised));
  switch (change.type) {
    case 'updateProfile':
      return applyProfileChange(doc, change, context);
    case 'addEvent':
    case 'updateEvent':
    case 'setEventCancelled':
    case 'setOccurrenceException':
      return applyEventChange(doc, change, context);
    case 'createInvite':
    case 'revokeInvite':
    case 'joinWithInvite':
    case 'leaveCommunity':
    case 'removeMember':
    case 'setMemberRole':
      return applyMemberChange(doc, change, context);
    case 'setRsvp':
    case 'checkIn':
      return applyRsvpChange(doc, change, context);
    case 'postItem':
    case 'updateItem':
    case 'claimItem':
    case 'withdrawClaim':
    case 'handOverItem':
    case 'returnItem':
    case 'closeItem':
      return applyItemChange(doc, change, context);
    case 'registerProject':
    case 'updateProjectIndex':
      return applyProjectIndexChange(doc, change, context);
    case 'startThread':
    case 'replyToThread':
    case 'setThreadArchived':
    case 'addComment':
    case 'editPost':
    case 'setPostDeleted':
    case 'setPostHidden':
      return applyDiscussionChange(doc, change, context);
    case 'addAttachment':
    case 'removeAttachment':
      return applyAttachmentChange(doc, change, context);
    case 'setDirectoryListing':
    case 'setEventPublic':
      return applyDirectoryChange(doc, change, context);
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
  const profile = validProfile({
    name: change.name,
    description: change.description,
    city: change.city,
    themes: change.themes ?? [],
  });
  if (!profile.ok) return profile;
  const founder = change.founder ? validNewMember(change.founder) : undefined;
  if (founder && !founder.ok) return founder;
  doc.transact(() => {
    const meta = doc.map(CommunityRoot.meta);
    meta.set('schemaVersion', COMMUNITY_SCHEMA_VERSION);
    meta.set('kind', 'community');
    meta.set('epoch', newDocEpoch());
    meta.set('createdAt', context.clock.now());
    writeProfile(doc, profile.value);
    if (founder?.ok) {
      meta.set('founder', founder.value.id);
      writeMember(doc, founder.value, MemberRole.organizer, null, null, context);
    }
  });
  return ok({ type: 'createCommunity' });
}
