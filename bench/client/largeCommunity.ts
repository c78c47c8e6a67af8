/**
 * The large community of bench:domain (2,000 members, 5,000 events x 20 RSVPs,
 * 5,000 items, 200 projects), built through the domain API under a real community id
 * so that the app can open it. Same recipe as bench/domain.ts's build().
 */
import {
  applyCommunityChange,
  type ChangeContext,
  type CommunityChange,
  type CommunityId,
  type CrdtDocument,
  communityDocId,
  type DeviceId,
  HybridLogicalClock,
  type ItemId,
  type MemberId,
  newCommunityId,
  type ProjectId,
  yjsEngine,
} from '../../shared/src/index';

export interface LargeCommunity {
  readonly id: CommunityId;
  readonly doc: CrdtDocument;
  readonly name: string;
  readonly city: string;
}

export function buildLargeCommunity(scale: number, firstEvent: number): LargeCommunity {
  const members = Math.round(2_000 * scale);
  const events = Math.round(5_000 * scale);
  const items = Math.round(5_000 * scale);
  const projects = Math.round(200 * scale);
  const id = newCommunityId();
  const doc = yjsEngine.create(communityDocId(id));
  const contexts = new Map<MemberId, ChangeContext>();
  const apply = (actor: MemberId, change: CommunityChange) => {
    let context = contexts.get(actor);
    if (!context) {
      context = { clock: new HybridLogicalClock(`device-${actor}` as DeviceId), actor };
      contexts.set(actor, context);
    }
    const result = applyCommunityChange(doc, change, context);
    if (!result.ok) throw new Error(`${change.type}: ${result.error.reason}`);
    return result.value;
  };
  const founder = 'member-00000' as MemberId;
  const name = 'Grand réseau';
  const city = 'Lyon';
  apply(founder, {
    type: 'createCommunity',
    name,
    description: 'Bench',
    city,
    founder: { id: founder, displayName: 'Fondatrice', publicKey: 'pk-0' },
  });
  const ids: MemberId[] = [founder];
  const invite = apply(founder, {
    type: 'createInvite',
    verifier: 'v',
    expiresAt: '2099-01-01T00:00:00Z',
    maxUses: null,
  });
  if (invite.type !== 'createInvite') throw new Error('invite');
  for (let i = 1; i < members; i++) {
    const member = `member-${String(i).padStart(5, '0')}` as MemberId;
    apply(member, {
      type: 'joinWithInvite',
      inviteId: invite.inviteId,
      verifier: 'v',
      member: { id: member, displayName: `Membre ${i}`, publicKey: `pk-${i}` },
    });
    ids.push(member);
  }
  for (let e = 0; e < events; e++) {
    const day = new Date(firstEvent + e * 6 * 3_600_000);
    const outcome = apply(founder, {
      type: 'addEvent',
      title: `Rencontre ${e}`,
      start: day.toISOString(),
      end: new Date(day.getTime() + 7_200_000).toISOString(),
      timeZone: 'Europe/Paris',
      place: 'Salle des fêtes',
      capacity: 15,
    });
    if (outcome.type !== 'event') throw new Error('event');
    for (let r = 0; r < 20; r++) {
      apply(ids[(e * 7 + r * 13) % ids.length] as MemberId, {
        type: 'setRsvp',
        eventId: outcome.eventId,
        status: r % 5 === 4 ? 'maybe' : 'going',
      });
    }
  }
  for (let i = 0; i < items; i++) {
    const item = apply(ids[i % ids.length] as MemberId, {
      type: 'postItem',
      kind: (['offer', 'request', 'lend'] as const)[i % 3] ?? 'offer',
      title: `Objet ${i}`,
      description: 'Un objet à partager entre voisins',
      tags: ['maison'],
    });
    if (item.type === 'item' && i % 4 === 0) {
      apply(ids[(i + 1) % ids.length] as MemberId, {
        type: 'claimItem',
        itemId: item.itemId as ItemId,
      });
    }
  }
  for (let p = 0; p < projects; p++) {
    apply(ids[p % ids.length] as MemberId, {
      type: 'registerProject',
      projectId: `project-${String(p).padStart(16, '0')}` as ProjectId,
      title: `Projet ${p}`,
      summary: 'Un projet collectif',
    });
  }
  return { id, doc, name, city };
}
