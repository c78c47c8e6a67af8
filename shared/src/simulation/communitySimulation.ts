import { HybridLogicalClock } from '../clock/HybridLogicalClock';
import type { CrdtDocument } from '../crdt/DocumentPort';
import { yjsEngine } from '../crdt/yjs/YjsDocument';
import { applyCommunityChange, type CommunityChange } from '../domain/community/changes';
import type { ChangeContext } from '../domain/community/context';
import { listThreads, readThread } from '../domain/community/discussions';
import { listItems } from '../domain/community/items';
import { readMembers, type SponsorshipNode, sponsorshipTree } from '../domain/community/members';
import { comparePosts, type Post, postIndex, postsOn, threadKey } from '../domain/community/posts';
import { readCommunity } from '../domain/community/read';
import { occurrencesOf } from '../domain/community/recurrence';
import { attendance, RsvpStatus } from '../domain/community/rsvp';
import type { CommunityEvent } from '../domain/community/schema';
import { CommunityRoot } from '../domain/community/schema';
import type { DeviceId, DocId, EventId, ItemId, MemberId } from '../ids';
import { SimulatedNetwork } from './network';
import { SeededRandom } from './random';

interface SimActor {
  readonly id: MemberId;
  readonly replica: number;
  readonly context: ChangeContext;
}

const DOC = 'simulated-community-01' as DocId;
const BASE_WALL = Date.parse('2026-11-01T10:00:00Z');

/** A device's wall clock: skewed, drifting, sometimes corrected backwards. */
function skewedClock(random: SeededRandom): () => number {
  let offset = random.int(-3_600_000, 3_600_000);
  let tick = 0;
  return () => {
    tick += random.int(0, 5_000);
    if (random.chance(0.02)) offset -= random.int(0, 600_000);
    return BASE_WALL + offset + tick;
  };
}

/**
 * Replays one seeded run: 3-6 replicas, one member each (the first is the
 * founding organizer), random operations from every area, random partitions,
 * reordered and duplicated messages; then the network settles.
 */
export function runCommunitySimulation(seed: number, steps = 40): CrdtDocument[] {
  const random = new SeededRandom(seed);
  const count = random.int(3, 6);
  const replicas = Array.from({ length: count }, () => yjsEngine.create(DOC));
  const actors: SimActor[] = replicas.map((_, i) => ({
    id: `member-${i}` as MemberId,
    replica: i,
    context: {
      clock: new HybridLogicalClock(`device-${i}` as DeviceId, skewedClock(random)),
      actor: `member-${i}` as MemberId,
    },
  }));
  const apply = (actor: SimActor, change: CommunityChange) =>
    applyCommunityChange(replicas[actor.replica] as CrdtDocument, change, actor.context);
  const founder = actors[0] as SimActor;
  apply(founder, {
    type: 'createCommunity',
    name: 'Simulation',
    description: '',
    city: '',
    founder: { id: founder.id, displayName: 'Founder', publicKey: 'pk-0' },
  });
  const network = new SimulatedNetwork(replicas, random);
  // Everyone joins through an invite from someone already in (a sponsorship chain).
  for (const actor of actors.slice(1)) {
    network.settle();
    const sponsorActor = random.pick(actors.slice(0, actor.replica));
    const invite = apply(sponsorActor, {
      type: 'createInvite',
      verifier: 'v',
      expiresAt: '2099-01-01T00:00:00Z',
      maxUses: 1,
    });
    if (!invite.ok || invite.value.type !== 'createInvite') continue;
    network.settle();
    apply(actor, {
      type: 'joinWithInvite',
      inviteId: invite.value.inviteId,
      verifier: 'v',
      member: { id: actor.id, displayName: `M${actor.replica}`, publicKey: `pk-${actor.replica}` },
    });
  }
  network.settle();

  for (let step = 0; step < steps; step++) {
    if (random.chance(0.15)) network.partition();
    if (random.chance(0.1)) network.heal();
    const actor = random.pick(actors);
    const doc = replicas[actor.replica] as CrdtDocument;
    const snapshot = readCommunity(doc);
    const events = snapshot?.events ?? [];
    const items = listItems(doc);
    const roll = random.next();
    if (roll < 0.12 || events.length === 0) {
      const day = random.int(1, 28);
      apply(actor, {
        type: 'addEvent',
        title: `Évènement ${step}`,
        start: `2030-02-${String(day).padStart(2, '0')}T18:00:00Z`,
        end: `2030-02-${String(day).padStart(2, '0')}T20:00:00Z`,
        timeZone: 'Europe/Paris',
        place: '',
        capacity: random.chance(0.8) ? random.int(0, 3) : null,
        // Some events repeat: RSVPs, check-ins and cancellations are then per occurrence.
        recurrence: random.chance(0.3)
          ? { frequency: 'weekly', interval: random.int(1, 2), until: null, count: 3 }
          : null,
      });
    } else if (roll < 0.45) {
      const event = random.pick(events);
      apply(actor, {
        type: 'setRsvp',
        eventId: event.id as EventId,
        occurrence: random.pick(occurrenceKeys(event)),
        status: random.chance(0.15)
          ? null
          : random.pick([
              RsvpStatus.going,
              RsvpStatus.going,
              RsvpStatus.maybe,
              RsvpStatus.notGoing,
            ]),
      });
    } else if (roll < 0.5) {
      const event = random.pick(events);
      const key = random.pick(occurrenceKeys(event));
      if (key !== '' && random.chance(0.6)) {
        apply(actor, {
          type: 'setOccurrenceException',
          eventId: event.id,
          occurrence: key,
          exception: event.exceptions[key]?.cancelled ? null : { cancelled: true },
        });
      } else {
        apply(actor, { type: 'setEventCancelled', eventId: event.id, cancelled: !event.cancelled });
      }
    } else if (roll < 0.55) {
      const event = random.pick(events);
      apply(actor, { type: 'updateEvent', eventId: event.id, capacity: random.int(0, 4) });
    } else if (roll < 0.6) {
      const event = random.pick(events);
      apply(founder, {
        type: 'checkIn',
        eventId: event.id,
        occurrence: random.pick(occurrenceKeys(event)),
        memberId: actor.id,
        present: random.chance(0.8),
      });
    } else if (roll < 0.68 || items.length === 0) {
      apply(actor, {
        type: 'postItem',
        kind: random.pick(['offer', 'request', 'lend'] as const),
        title: `Objet ${step}`,
        description: '',
        tags: [],
      });
    } else if (roll < 0.8) {
      const item = random.pick(items);
      apply(actor, {
        type: random.chance(0.8) ? 'claimItem' : 'withdrawClaim',
        itemId: item.id as ItemId,
      });
    } else if (roll < 0.92) {
      // The owner acts on their item, possibly from a stale replica.
      const item = random.pick(items);
      const owner = actors.find((a) => a.id === item.owner);
      if (owner && item.queue[0] && item.holder === null) {
        apply(owner, { type: 'handOverItem', itemId: item.id, to: random.pick(item.queue) });
      } else if (owner && item.holder !== null) {
        apply(owner, { type: 'returnItem', itemId: item.id });
      }
    } else if (roll < 0.95 && actor !== founder) {
      apply(actor, {
        type: random.chance(0.5) ? 'leaveCommunity' : 'createInvite',
        verifier: 'v',
        expiresAt: '2099-01-01T00:00:00Z',
        maxUses: 2,
      } as CommunityChange);
    } else {
      network.deliverSome();
    }
    if (random.chance(0.3)) {
      const discussion = randomDiscussionChange(doc, actor, founder, random, step);
      if (discussion) apply(discussion.by, discussion.change);
    }
    if (random.chance(0.5)) network.deliverSome();
  }
  network.settle();
  return replicas;
}

/** The occurrence keys of an event ('' for a one-off event). */
function occurrenceKeys(event: CommunityEvent): string[] {
  if (!event.recurrence) return [''];
  return occurrencesOf(event, event.start, '2099-01-01T00:00:00.000Z').map((o) => o.key);
}

/** A replica's observable state: what any screen could show. */
export function observableState(doc: CrdtDocument): unknown {
  const snapshot = readCommunity(doc);
  return {
    snapshot,
    attendance: snapshot?.events.map((e) =>
      occurrenceKeys(e).map((key) => attendance(doc, e.id, key)),
    ),
    items: listItems(doc),
    threads: listThreads(doc),
    conversations: [...postIndex(doc).byConversation].sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

/** The invariants every replica must satisfy; returns the violations found. */
export function communityInvariantViolations(doc: CrdtDocument): string[] {
  const violations: string[] = [];
  const snapshot = readCommunity(doc);
  if (!snapshot) return ['community missing'];
  for (const event of snapshot.events) {
    for (const key of occurrenceKeys(event)) {
      const seen = attendance(doc, event.id, key);
      const where = `event ${event.id} occurrence '${key}'`;
      if (event.capacity !== null && seen.confirmed.length > event.capacity) {
        violations.push(
          `${where}: ${seen.confirmed.length} confirmed over capacity ${event.capacity}`,
        );
      }
      const counted =
        seen.confirmed.length + seen.waitlist.length + seen.maybe.length + seen.checkedIn.length;
      if ((event.cancelled || event.exceptions[key]?.cancelled) && counted > 0) {
        violations.push(`${where}: cancelled but counts RSVPs`);
      }
      const going = new Set([...seen.confirmed, ...seen.waitlist]);
      if (going.size !== seen.confirmed.length + seen.waitlist.length) {
        violations.push(`${where}: a member counted twice`);
      }
    }
  }
  for (const item of listItems(doc)) {
    const open = item.history.filter((period) => period.until === null);
    if (open.length > 1) violations.push(`item ${item.id}: ${open.length} holders`);
    if (item.holder !== null && item.queue.includes(item.holder))
      violations.push(`item ${item.id}: holder also queued`);
  }
  const members = readMembers(doc);
  const inTree = new Set<string>();
  const walk = (nodes: readonly SponsorshipNode[], depth: number) => {
    for (const node of nodes) {
      if (inTree.has(node.member.id) || depth > members.length)
        violations.push(`sponsorship cycle at ${node.member.id}`);
      inTree.add(node.member.id);
      walk(node.children, depth + 1);
    }
  };
  walk(sponsorshipTree(members), 0);
  violations.push(...postOrderViolations(doc));
  if (inTree.size !== members.length) violations.push('a member is outside the sponsorship tree');
  return violations;
}

/**
 * A random discussion or comment operation: start a thread, reply, comment on
 * an event (or one occurrence) or an item, edit or (un)delete a post (perhaps
 * someone else's: refused), hide one as the founding organizer, archive a thread.
 */
function randomDiscussionChange(
  doc: CrdtDocument,
  actor: SimActor,
  founder: SimActor,
  random: SeededRandom,
  step: number,
): { by: SimActor; change: CommunityChange } | undefined {
  const threads = listThreads(doc);
  const roll = random.next();
  if (roll < 0.2 || threads.length === 0)
    return {
      by: actor,
      change: { type: 'startThread', title: `Fil ${step}`, text: `Message ${step}` },
    };
  if (roll < 0.5) {
    const threadId = random.pick(threads).id;
    return { by: actor, change: { type: 'replyToThread', threadId, text: `Réponse ${step}` } };
  }
  if (roll < 0.65) {
    const events = readCommunity(doc)?.events ?? [];
    const items = listItems(doc);
    if (events.length > 0 && (items.length === 0 || random.chance(0.6))) {
      const event = random.pick(events);
      // The whole event, or an occurrence by its key (refused unless the event recurs).
      const occurrence = random.pick(['', '', event.start.slice(0, 10)]);
      const target = { kind: 'event' as const, eventId: event.id, occurrence };
      return { by: actor, change: { type: 'addComment', target, text: `Commentaire ${step}` } };
    }
    if (items.length === 0) return undefined;
    const target = { kind: 'item' as const, itemId: random.pick(items).id };
    return { by: actor, change: { type: 'addComment', target, text: `Commentaire ${step}` } };
  }
  const posts = [...postIndex(doc).byId.values()];
  if (posts.length === 0) return undefined;
  const own = posts.filter((post) => post.author === actor.id);
  const post: Post = own.length > 0 && random.chance(0.8) ? random.pick(own) : random.pick(posts);
  if (roll < 0.77)
    return { by: actor, change: { type: 'editPost', postId: post.id, text: `Modifié ${step}` } };
  if (roll < 0.87)
    return {
      by: actor,
      change: { type: 'setPostDeleted', postId: post.id, deleted: !post.deleted },
    };
  if (roll < 0.93)
    return {
      by: founder,
      change: { type: 'setPostHidden', postId: post.id, hidden: !post.hidden },
    };
  const thread = random.pick(threads);
  return {
    by: random.chance(0.5) ? founder : actor,
    change: { type: 'setThreadArchived', threadId: thread.id, archived: !thread.archived },
  };
}

/**
 * Every stored post appears exactly once, in the conversation it names, each
 * conversation in strict (HLC, id) order; a thread shows that same order and
 * its last activity is its newest post.
 */
function postOrderViolations(doc: CrdtDocument): string[] {
  const violations: string[] = [];
  const seen = new Map<string, string[]>();
  for (const [on, posts] of postIndex(doc).byConversation) {
    posts.forEach((post, i) => {
      seen.set(post.id, [...(seen.get(post.id) ?? []), on]);
      const previous = posts[i - 1];
      if (previous && comparePosts(previous, post) >= 0)
        violations.push(`conversation ${on}: ${previous.id} not before ${post.id}`);
    });
  }
  const stored = doc.map(CommunityRoot.posts);
  for (const id of stored.keys()) {
    const value = stored.getValue(id);
    const on = value && typeof value === 'object' && !Array.isArray(value) ? value.on : undefined;
    const places = seen.get(id) ?? [];
    if (places.length !== 1 || places[0] !== on)
      violations.push(`post ${id} appears ${places.length} times (in ${places.join(', ')})`);
  }
  if (seen.size !== stored.size) violations.push('a post is listed that is not stored');
  for (const thread of listThreads(doc)) {
    const posts = readThread(doc, thread.id)?.posts ?? [];
    if (posts !== postsOn(doc, threadKey(thread.id)) || posts.length === 0)
      violations.push(`thread ${thread.id}: posts missing or not the conversation's order`);
    if (thread.lastActivity !== posts.at(-1)?.createdAt)
      violations.push(`thread ${thread.id}: last activity is not its newest post`);
  }
  return violations;
}
