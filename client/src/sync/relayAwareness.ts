import type { WebsocketProvider } from 'y-websocket';
import type { DocAwareness } from './DocAwareness';
import { readVarUint } from './varUint';

/** y-protocols' awareness message type (y-websocket's `messageAwareness`). */
const MESSAGE_AWARENESS = 1;

/** The other tabs of this browser (y-websocket's BroadcastChannel): a path of their own. */
const otherTabs = { path: 'broadcast-channel' };

interface LibDecoder {
  readonly arr: Uint8Array;
  pos: number;
}

/**
 * Plugs a y-websocket provider into the document's shared awareness (DocAwareness):
 * - it sends only this device's own state (stock y-websocket re-sends every state it
 *   receives: with n people that is n² messages, and a relay that tracks who announced a
 *   client would attribute it to the wrong connection);
 * - what it receives is recorded as reached through the relay (or the other tabs), so
 *   that when the relay goes, the peers still reached directly stay present;
 * - on reconnection this device announces itself with a new clock (peers drop a client
 *   whose connection closed, and would ignore the same clock again).
 * Returns the cleanup.
 */
export function routeRelayAwareness(
  provider: WebsocketProvider,
  presence: DocAwareness,
): () => void {
  const { awareness } = presence;
  const sendChanges = provider._awarenessUpdateHandler;
  awareness.off('update', sendChanges);
  const self = presence.self;
  const ownOnly: typeof sendChanges = (changes: AwarenessChanges, origin: unknown) => {
    const mine = (ids: readonly number[]) => ids.filter((id) => id === self);
    const own = {
      added: mine(changes.added),
      updated: mine(changes.updated),
      removed: mine(changes.removed),
    };
    if (own.added.length + own.updated.length + own.removed.length > 0) sendChanges(own, origin);
  };
  awareness.on('update', ownOnly);
  // provider.destroy() unsubscribes whatever this field holds.
  provider._awarenessUpdateHandler = ownOnly;

  provider.messageHandlers[MESSAGE_AWARENESS] = (_encoder, decoder, _provider, fromSocket) => {
    const update = readVarUint8Array(decoder as unknown as LibDecoder);
    if (update) presence.receive(fromSocket ? provider : otherTabs, update);
  };

  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') presence.renew();
    // y-websocket has just dropped every remote state: keep those still reached directly.
    else if (status === 'disconnected') presence.pathClosed(provider);
  };
  provider.on('status', onStatus);
  return () => provider.off('status', onStatus);
}

interface AwarenessChanges {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}

function readVarUint8Array(decoder: LibDecoder): Uint8Array | undefined {
  const reader = { bytes: decoder.arr, pos: decoder.pos };
  const length = readVarUint(reader);
  if (length === undefined || reader.pos + length > decoder.arr.length) return undefined;
  decoder.pos = reader.pos + length;
  return decoder.arr.subarray(reader.pos, reader.pos + length);
}
