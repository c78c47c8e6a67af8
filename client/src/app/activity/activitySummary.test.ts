import { yjsEngine } from '@ensemble/shared';
import { describe, expect, it } from 'vitest';
import { translateFeature } from '../../i18n/featureMessages';
import { activityText } from '../../ui/screens/home/formatActivity';
import { homeMessages } from '../../ui/screens/home/messages';
import { activityDigest, isQuiet } from './activityRow';
import { actor, addEvent, community, join, record } from './activityTestKit';

const fr = translateFeature(homeMessages, 'fr');
const en = translateFeature(homeMessages, 'en');

const alice = actor('alice');
const bob = actor('bob');
const carol = actor('carol');

/** A community where Alice (founder) and Bob are members. */
function aliceAndBob() {
  const doc = community(alice);
  join(doc, alice, bob);
  return doc;
}

describe('home activity summary', () => {
  it('counts what others added since I last looked, in French and English', () => {
    const doc = aliceAndBob();
    const seen = record(undefined, doc, bob, true);
    expect(activityText(activityDigest(seen), fr)).toBe(
      'Rien de nouveau depuis votre dernière visite',
    );

    addEvent(doc, alice, 'Atelier réparation');
    addEvent(doc, alice, 'Balade du dimanche', '2030-06-14');
    alice.apply(doc, {
      type: 'postItem',
      kind: 'lend',
      title: 'Pompe à pied',
      description: '',
      tags: [],
    });
    const thread = alice.apply(doc, {
      type: 'startThread',
      title: 'Local pour l’hiver',
      text: 'Des idées ?',
    });
    if (!thread.ok || thread.value.type !== 'discussion' || !thread.value.threadId) {
      throw new Error('no thread');
    }
    const threadId = thread.value.threadId;
    alice.apply(doc, { type: 'replyToThread', threadId, text: 'La MJC peut-être' });
    join(doc, alice, carol);
    carol.apply(doc, { type: 'replyToThread', threadId, text: 'Je demande' });

    const later = record(seen, doc, bob, false);
    const digest = activityDigest(later);
    expect(digest).toMatchObject({
      events: 2,
      items: 1,
      threads: 1,
      // Alice's reply and Carol's (the thread's first post counts as the thread).
      messages: 2,
      members: 1,
      projects: 0,
    });
    expect(activityText(digest, fr)).toBe(
      '2 nouveaux évènements · 1 annonce · 1 nouvelle discussion · 2 messages · 1 nouveau membre',
    );
    expect(activityText(digest, en)).toBe(
      '2 new events · 1 listing · 1 new discussion · 2 messages · 1 new member',
    );
    // Looking at the community again: all of it was seen.
    const again = record(later, doc, bob, true);
    expect(isQuiet(activityDigest(again))).toBe(true);
    expect(activityText(activityDigest(again), en)).toBe('Nothing new since your last visit');
  });

  it('leaves out what I did myself, on this device or another one', () => {
    const doc = aliceAndBob();
    const seen = record(undefined, doc, bob, true);
    addEvent(doc, bob, 'Sortie de Bob');
    bob.apply(doc, { type: 'postItem', kind: 'offer', title: 'Casque', description: '', tags: [] });
    bob.apply(doc, { type: 'startThread', title: 'Question de Bob', text: 'Qui vient ?' });
    addEvent(doc, alice, 'Sortie d’Alice');

    const digest = activityDigest(record(seen, doc, bob, false));
    expect(activityText(digest, fr)).toBe('1 nouvel évènement');
    // Seen from Alice's side (last looked before Bob joined), Bob's additions are the news
    // (her own event is not).
    const aliceSeen = record(undefined, community(alice), alice, true);
    const forAlice = activityDigest(record(aliceSeen, doc, alice, false));
    expect(activityText(forAlice, fr)).toBe(
      '1 nouvel évènement · 1 annonce · 1 nouvelle discussion · 1 nouveau membre',
    );
  });

  it('counts a change written offline before my last visit that arrived after it', () => {
    const doc = aliceAndBob();
    const alicesPhone = yjsEngine.load(doc.id, [doc.encodeState()]);
    // Alice adds an event on a phone that is offline: it is stamped before Bob looks.
    addEvent(alicesPhone, alice, 'Pique-nique');
    const seen = record(undefined, doc, bob, true);
    doc.applyUpdate(alicesPhone.encodeUpdateSince(doc.encodeStateVector()));

    expect(activityText(activityDigest(record(seen, doc, bob, false)), fr)).toBe(
      '1 nouvel évènement',
    );
  });

  it('says when an event I said I would go to was changed or cancelled', () => {
    const doc = aliceAndBob();
    const picnic = addEvent(doc, alice, 'Pique-nique');
    const meeting = addEvent(doc, alice, 'Assemblée générale', '2030-06-20');
    const other = addEvent(doc, alice, 'Atelier', '2030-06-22');
    bob.apply(doc, { type: 'setRsvp', eventId: picnic, status: 'going' });
    bob.apply(doc, { type: 'setRsvp', eventId: meeting, status: 'maybe' });
    const seen = record(undefined, doc, bob, true);

    alice.apply(doc, { type: 'setEventCancelled', eventId: picnic, cancelled: true });
    alice.apply(doc, { type: 'updateEvent', eventId: meeting, place: 'Salle des fêtes' });
    // An event Bob did not answer: only counted if new, never as "changed".
    alice.apply(doc, { type: 'updateEvent', eventId: other, place: 'Garage' });

    const digest = activityDigest(record(seen, doc, bob, false));
    expect(digest.changed.map((event) => [event.id, event.cancelled])).toEqual([
      [picnic, true],
      [meeting, false],
    ]);
    expect(activityText(digest, fr)).toBe(
      '« Pique-nique » est annulé · « Assemblée générale » a changé',
    );
    expect(activityText(digest, en)).toBe(
      '“Pique-nique” was cancelled · “Assemblée générale” changed',
    );
  });

  it('shows nothing new the first time a community is read without having been looked at', () => {
    const doc = aliceAndBob();
    addEvent(doc, alice, 'Pique-nique');
    const first = record(undefined, doc, bob, false);
    expect(isQuiet(activityDigest(first))).toBe(true);
    expect(first.watched).toEqual({});
  });

  it('never shows a negative count when a membership no longer counts after a merge', () => {
    const doc = aliceAndBob();
    const seen = record(undefined, doc, bob, true);
    const row = { ...seen, latest: { ...seen.latest, members: seen.seen.members - 1 } };
    expect(activityDigest(row).members).toBe(0);
    expect(isQuiet(activityDigest(row))).toBe(true);
  });

  it('watches the upcoming events I answered going or maybe, not those I declined', () => {
    const doc = aliceAndBob();
    const going = addEvent(doc, alice, 'Pique-nique');
    const declined = addEvent(doc, alice, 'Atelier', '2030-06-22');
    const past = addEvent(doc, alice, 'Fête de l’été', '2026-06-21');
    addEvent(doc, alice, 'Assemblée générale', '2030-06-20');
    bob.apply(doc, { type: 'setRsvp', eventId: going, status: 'going' });
    bob.apply(doc, { type: 'setRsvp', eventId: declined, status: 'not-going' });
    bob.apply(doc, { type: 'setRsvp', eventId: past, status: 'going' });
    expect(Object.keys(record(undefined, doc, bob, true).watched)).toEqual([going]);
  });
});
