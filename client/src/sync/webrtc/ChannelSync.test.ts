import { type CrdtDocument, communityDocId, newCommunityId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { yDocOf } from '../../crdt/yjsDoc';
import { DocAwareness } from '../DocAwareness';
import { ChannelSync, type LinkError } from './ChannelSync';

/** An in-memory RTCDataChannel end: what one end sends, the other receives (as ArrayBuffer). */
class FakeChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  binaryType = 'blob';
  other: FakeChannel | undefined;
  send(data: Uint8Array): void {
    if (this.readyState !== 'open') throw new Error('not open');
    const copy = data.slice().buffer;
    this.other?.dispatchEvent(new MessageEvent('message', { data: copy }));
  }
  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
    this.other?.close();
  }
  open(): void {
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }
  /** Raw bytes from the peer, bypassing its ChannelSync (a buggy or hostile peer). */
  inject(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

interface Device {
  readonly doc: CrdtDocument;
  readonly presence: DocAwareness;
}

const docId = communityDocId(newCommunityId());
const devices: Device[] = [];

function device(name: string): Device {
  const doc = yjsEngine.create(docId);
  const presence = DocAwareness.of(doc);
  presence.awareness.setLocalStateField('user', { id: name, name, color: '#000' });
  const made = { doc, presence };
  devices.push(made);
  return made;
}

/** Links two devices; returns both ends and the errors each end closed with. */
function link(a: Device, b: Device) {
  const [ca, cb] = [new FakeChannel(), new FakeChannel()];
  ca.other = cb;
  cb.other = ca;
  const closed: { a?: LinkError | 'clean'; b?: LinkError | 'clean' } = {};
  const syncA = new ChannelSync(
    a.doc,
    ca as unknown as RTCDataChannel,
    (e) => {
      closed.a = e ?? 'clean';
    },
    a.presence,
  );
  const syncB = new ChannelSync(
    b.doc,
    cb as unknown as RTCDataChannel,
    (e) => {
      closed.b = e ?? 'clean';
    },
    b.presence,
  );
  // Both ends open together (what one sends on opening, the other receives).
  ca.readyState = 'open';
  cb.readyState = 'open';
  ca.open();
  cb.open();
  return { ca, cb, syncA, syncB, closed };
}

const text = (d: Device) => yDocOf(d.doc).getText('notes').toString();
const names = (d: Device) =>
  [...d.presence.awareness.getStates().values()]
    .map((state) => (state.user as { name?: string } | undefined)?.name)
    .filter(Boolean)
    .sort();

afterEach(() => {
  vi.restoreAllMocks();
  for (const made of devices.splice(0)) made.doc.destroy();
});

describe('ChannelSync (a document over one direct link)', () => {
  it('syncs both ways, large updates included (split into 16 KiB frames)', () => {
    const ada = device('Ada');
    const bo = device('Bo');
    yDocOf(ada.doc).getText('notes').insert(0, 'x'.repeat(100_000));
    const { syncA, syncB } = link(ada, bo);
    expect(text(bo)).toHaveLength(100_000);
    expect(syncA.synced && syncB.synced).toBe(true);
    yDocOf(bo.doc).getText('notes').insert(0, 'Bo: ');
    expect(text(ada).startsWith('Bo: x')).toBe(true);
  });

  it('carries awareness both ways, and drops the peer at once when the link closes', () => {
    const ada = device('Ada');
    const bo = device('Bo');
    const { syncA, syncB, ca } = link(ada, bo);
    expect(names(ada)).toEqual(['Ada', 'Bo']);
    expect(names(bo)).toEqual(['Ada', 'Bo']);
    bo.presence.awareness.setLocalStateField('cursor', { at: 3 });
    expect(ada.presence.awareness.getStates().get(bo.presence.self)?.cursor).toEqual({ at: 3 });
    expect(syncA.peerClients).toEqual([bo.presence.self]);
    ca.close();
    expect(syncA.open || syncB.open).toBe(false);
    expect(names(ada)).toEqual(['Ada']);
    expect(names(bo)).toEqual(['Bo']);
  });

  it('a peer reached by two links is one client, and stays while one link is open', () => {
    const ada = device('Ada');
    const bo = device('Bo');
    const first = link(ada, bo);
    const second = link(ada, bo);
    expect(names(ada)).toEqual(['Ada', 'Bo']);
    expect(first.syncA.peerClients).toEqual(second.syncA.peerClients);
    first.ca.close();
    expect(names(ada)).toEqual(['Ada', 'Bo']);
    second.ca.close();
    expect(names(ada)).toEqual(['Ada']);
  });

  it('a peer leaving (null state) is gone from every path', () => {
    const ada = device('Ada');
    const bo = device('Bo');
    const { syncA } = link(ada, bo);
    bo.presence.leave();
    expect(names(ada)).toEqual(['Ada']);
    expect(syncA.peerClients).toEqual([]);
  });

  // Each injected frame: the flag byte (frame 0, last), then the message.
  it.each([
    ['text instead of bytes', 'hello', { reason: 'not-binary' }],
    [
      'a frame out of order',
      Uint8Array.of(4, 1, 2).buffer,
      { reason: 'out-of-order', expected: 0, received: 2 },
    ],
    [
      'an unknown message',
      Uint8Array.of(0, 9).buffer,
      { reason: 'undecodable', detail: 'unknown-type' },
    ],
    [
      'a damaged update',
      Uint8Array.of(0, 0, 2, 0, 1, 5).buffer,
      { reason: 'undecodable', detail: 'trailing-bytes' },
    ],
    [
      'an update Yjs cannot read',
      Uint8Array.of(0, 0, 2, 3, 250, 250, 250).buffer,
      { reason: 'rejected-update' },
    ],
    [
      'an unreadable awareness',
      Uint8Array.of(0, 1, 2, 1, 5).buffer,
      { reason: 'rejected-awareness' },
    ],
  ])('%s closes only that link, with the reason', (_name, data, reason) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ada = device('Ada');
    const bo = device('Bo');
    const cy = device('Cy');
    const bad = link(ada, bo);
    const good = link(ada, cy);
    bad.ca.inject(data);
    expect(bad.closed.a).toEqual(reason);
    expect(bad.syncA.open).toBe(false);
    expect(names(ada)).toEqual(['Ada', 'Cy']);
    // The other link still syncs.
    expect(good.syncA.open).toBe(true);
    yDocOf(cy.doc).getText('notes').insert(0, 'still here');
    expect(text(ada)).toBe('still here');
    expect(good.closed).toEqual({});
  });
});
