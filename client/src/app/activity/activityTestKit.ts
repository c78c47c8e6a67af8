// Imported by tests only.
import {
  applyCommunityChange,
  type CommunityChange,
  type CrdtDocument,
  type DeviceId,
  type DocId,
  type EventId,
  HybridLogicalClock,
  type MemberId,
  yjsEngine,
} from '@ensemble/shared';
import type { ActivityRow } from '../../storage/ActivityStore';
import { nextActivityRow } from './activityRow';
import { readActivity } from './readActivity';

/** Test helpers: members acting on replicas of one community document. */
export interface Actor {
  readonly id: MemberId;
  apply(doc: CrdtDocument, change: CommunityChange): ReturnType<typeof applyCommunityChange>;
}

let wall = Date.parse('2026-11-20T10:00:00Z');
/** Every action one second after the previous one (stamps never tie). */
const tick = () => {
  wall += 1000;
  return wall;
};

export function actor(name: string): Actor {
  const id = `member-${name}` as MemberId;
  const context = { clock: new HybridLogicalClock(`device-${name}` as DeviceId, tick), actor: id };
  return {
    id,
    apply: (doc, change) => {
      const result = applyCommunityChange(doc, change, context);
      if (!result.ok) throw new Error(`${change.type} refused: ${result.error.reason}`);
      return result;
    },
  };
}

export function community(founder: Actor): CrdtDocument {
  const doc = yjsEngine.create('community-activity-0001' as DocId);
  founder.apply(doc, {
    type: 'createCommunity',
    name: 'Vélo-école des Pentes',
    description: '',
    city: 'Lyon',
    founder: { id: founder.id, displayName: founder.id.slice(7), publicKey: `pk-${founder.id}` },
  });
  return doc;
}

export function join(doc: CrdtDocument, sponsor: Actor, newcomer: Actor): void {
  const invite = sponsor.apply(doc, {
    type: 'createInvite',
    verifier: `verifier-${newcomer.id}`,
    expiresAt: '2030-01-01T00:00:00Z',
    maxUses: 1,
  });
  if (!invite.ok || invite.value.type !== 'createInvite') throw new Error('no invite');
  newcomer.apply(doc, {
    type: 'joinWithInvite',
    inviteId: invite.value.inviteId,
    verifier: `verifier-${newcomer.id}`,
    member: { id: newcomer.id, displayName: newcomer.id.slice(7), publicKey: `pk-${newcomer.id}` },
  });
}

export function addEvent(doc: CrdtDocument, by: Actor, title: string, day = '2030-06-12'): EventId {
  const result = by.apply(doc, {
    type: 'addEvent',
    title,
    start: `${day}T18:30:00+02:00`,
    end: `${day}T21:00:00+02:00`,
    timeZone: 'Europe/Paris',
    place: 'Maison des associations',
  });
  if (!result.ok || result.value.type !== 'event') throw new Error('no event');
  return result.value.eventId;
}

export const NOW = new Date('2026-11-21T12:00:00Z');

/** What `self`'s device records after reading `doc`: on screen (`viewed`) or in the background. */
export function record(
  previous: ActivityRow | undefined,
  doc: CrdtDocument,
  self: Actor,
  viewed: boolean,
): ActivityRow {
  const reading = readActivity(doc, self.id, NOW, previous?.watched);
  if (!reading) throw new Error('no community in the document');
  return nextActivityRow(previous, 'community-activity-0001', reading, {
    viewed,
    now: NOW.getTime(),
  });
}
