import { type CrdtDocument, communityDocId, newCommunityId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { DocAwareness } from './DocAwareness';
import { routeRelayAwareness } from './relayAwareness';

const docs: CrdtDocument[] = [];
const docId = communityDocId(newCommunityId());

function person(name: string): DocAwareness {
  const doc = yjsEngine.create(docId);
  docs.push(doc);
  const presence = DocAwareness.of(doc);
  presence.awareness.setLocalStateField('user', { name });
  return presence;
}

/** The parts of a y-websocket provider the routing uses; records what it would send. */
function fakeProvider(presence: DocAwareness) {
  const sent: { added: number[]; updated: number[]; removed: number[] }[] = [];
  const listeners = new Set<(event: { status: string }) => void>();
  const provider = {
    awareness: presence.awareness,
    _awarenessUpdateHandler: (changes: { added: number[]; updated: number[]; removed: number[] }) =>
      sent.push(changes),
    messageHandlers: [] as unknown[],
    on: (_event: string, listener: (event: { status: string }) => void) => listeners.add(listener),
    off: (_event: string, listener: (event: { status: string }) => void) =>
      listeners.delete(listener),
  };
  presence.awareness.on('update', provider._awarenessUpdateHandler);
  const status = (value: string) => {
    for (const listener of listeners) listener({ status: value });
  };
  /** An awareness message from the relay, as y-websocket hands it to its handler. */
  const fromRelay = (update: Uint8Array) => {
    const framed = Uint8Array.of(update.length, ...update); // varuint length (< 128 here)
    const handler = provider.messageHandlers[1] as (...args: unknown[]) => void;
    handler(undefined, { arr: framed, pos: 0 }, provider, true, 1);
  };
  return { provider: provider as unknown as WebsocketProvider, sent, status, fromRelay };
}

const names = (presence: DocAwareness) =>
  [...presence.awareness.getStates().values()]
    .map((state) => (state.user as { name: string } | undefined)?.name)
    .sort();

afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy();
});

describe('the relay path of the shared awareness', () => {
  it('sends only this device’s own state, never an echo of the others’', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const relay = fakeProvider(ada);
    const stop = routeRelayAwareness(relay.provider, ada);
    relay.fromRelay(bo.ownUpdate());
    expect(names(ada)).toEqual(['Ada', 'Bo']);
    expect(relay.sent).toEqual([]);
    ada.awareness.setLocalStateField('cursor', 2);
    expect(relay.sent).toEqual([{ added: [], updated: [ada.self], removed: [] }]);
    stop();
  });

  it('when the relay goes, keeps those a direct link still reaches; announces anew on return', () => {
    const ada = person('Ada');
    const bo = person('Bo');
    const cy = person('Cy');
    const relay = fakeProvider(ada);
    routeRelayAwareness(relay.provider, ada);
    const direct = {};
    relay.fromRelay(bo.ownUpdate());
    relay.fromRelay(cy.ownUpdate());
    ada.receive(direct, bo.ownUpdate());
    // y-websocket on close: every remote state removed, then 'disconnected'.
    for (const id of [bo.self, cy.self]) ada.awareness.states.delete(id);
    relay.status('disconnected');
    expect(names(ada)).toEqual(['Ada', 'Bo']);
    const clock = ada.awareness.meta.get(ada.self)?.clock ?? 0;
    relay.status('connected');
    expect(ada.awareness.meta.get(ada.self)?.clock).toBe(clock + 1);
  });
});
