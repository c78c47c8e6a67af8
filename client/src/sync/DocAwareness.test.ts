import { type CrdtDocument, communityDocId, newCommunityId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { DocAwareness } from './DocAwareness';

const docs: CrdtDocument[] = [];
const docId = communityDocId(newCommunityId());

function person(name: string): DocAwareness {
  const doc = yjsEngine.create(docId);
  docs.push(doc);
  const presence = DocAwareness.of(doc);
  presence.awareness.setLocalStateField('user', { name });
  return presence;
}

const own = (presence: DocAwareness) => encodeAwarenessUpdate(presence.awareness, [presence.self]);
const here = (presence: DocAwareness) =>
  [...presence.awareness.getStates().values()]
    .map((state) => (state.user as { name: string } | undefined)?.name)
    .sort();

afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy();
});

describe('DocAwareness (one awareness over every path)', () => {
  it('is one per document', () => {
    const doc = yjsEngine.create(docId);
    docs.push(doc);
    expect(DocAwareness.of(doc)).toBe(DocAwareness.of(doc));
  });

  it('keeps a peer still reached directly when the relay drops every remote state', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const cy = person('Cy');
    const relay = {};
    const direct = {};
    ada.receive(relay, own(bo));
    ada.receive(relay, own(cy));
    ada.receive(direct, own(bo));
    expect(here(ada)).toEqual(['Ada', 'Bo', 'Cy']);
    // What y-websocket does when its socket closes, then tells us.
    removeAwarenessStates(ada.awareness, [bo.self, cy.self], relay);
    ada.pathClosed(relay);
    expect(here(ada)).toEqual(['Ada', 'Bo']);
    // Bo's next change still arrives directly.
    bo.awareness.setLocalStateField('cursor', 4);
    ada.receive(direct, own(bo));
    expect(ada.awareness.getStates().get(bo.self)?.cursor).toBe(4);
  });

  it('drops at once a client only the closed path reached, not one another path reaches', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const cy = person('Cy');
    const relay = {};
    const direct = {};
    ada.receive(relay, own(bo));
    ada.receive(direct, own(bo));
    ada.receive(direct, own(cy));
    ada.pathClosed(direct);
    expect(here(ada)).toEqual(['Ada', 'Bo']);
  });

  it('a client that left is not put back from an older path', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const relay = {};
    const direct = {};
    ada.receive(relay, own(bo));
    ada.receive(direct, own(bo));
    ada.receive(relay, bo.ownRemoval());
    expect(here(ada)).toEqual(['Ada']);
    ada.pathClosed(relay);
    expect(here(ada)).toEqual(['Ada']);
    expect(ada.clientsOf(direct)).toEqual([]);
  });

  it('sends only its own changes, and a renewal peers take again after a drop', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const sent: Uint8Array[] = [];
    const stop = ada.onOwnChange((update) => sent.push(update));
    ada.receive({}, own(bo));
    expect(sent).toHaveLength(0);
    ada.awareness.setLocalStateField('cursor', 1);
    expect(sent).toHaveLength(1);
    // Bo dropped Ada (her link closed); the same clock again would be ignored, a renewal is not.
    bo.receive({}, own(ada));
    removeAwarenessStates(bo.awareness, [ada.self], 'closed');
    bo.receive({}, own(ada));
    expect(here(bo)).toEqual(['Bo']);
    ada.renew();
    bo.receive({}, sent.at(-1) as Uint8Array);
    expect(here(bo)).toEqual(['Ada', 'Bo']);
    stop();
  });
});
