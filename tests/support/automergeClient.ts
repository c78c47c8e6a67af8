import {
  type DocId,
  decodeWireMessage,
  encodeWireMessage,
  relaySubprotocols,
  roomKindSubprotocol,
} from '@ensemble/shared';
import { type AutomergeDocument, automergeEngine } from '@ensemble/shared/automerge';
import { WebSocket } from 'ws';

/**
 * A Node client of an Automerge room (issue 13): an Automerge document of the document
 * port synced through the relay over the same wire messages as Yjs rooms (heads in sync
 * step 1, change chunks in step 2 and updates).
 */
export interface AutomergeClient {
  readonly doc: AutomergeDocument;
  /** Resolves once the relay answered our heads (sync step 2 received). */
  synced(): Promise<void>;
  closed(): Promise<{ code: number; reason: string }>;
  /** Reasons of the auth "permission denied" messages received (a read-only write). */
  readonly denied: string[];
  /** Errors of updates from the relay that this client's document refused to apply. */
  readonly refused: string[];
  destroy(): void;
}

export function openAutomergeClient(
  wsUrl: string,
  room: string,
  options: {
    capability: string;
    epoch?: string;
    readVerifier?: string;
    readOnly?: boolean;
    doc?: AutomergeDocument;
    protocols?: string[];
  },
): AutomergeClient {
  const doc = options.doc ?? (automergeEngine.create(room as DocId) as AutomergeDocument);
  const protocols = options.protocols ?? [
    ...relaySubprotocols({
      capability: options.capability,
      epoch: options.epoch,
      readVerifier: options.readVerifier,
      readOnly: options.readOnly,
    }),
    roomKindSubprotocol('automerge'),
  ];
  const ws = new WebSocket(`${wsUrl}/${room}`, protocols);
  ws.binaryType = 'nodebuffer';
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => {
    markSynced = resolve;
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => undefined);
  const denied: string[] = [];
  const refused: string[] = [];
  const send = (bytes: Uint8Array) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
  };
  const stop = doc.onUpdate((update, origin) => {
    if (origin !== 'relay') send(encodeWireMessage({ type: 'syncUpdate', update }));
  });
  ws.on('open', () =>
    send(encodeWireMessage({ type: 'syncStep1', stateVector: doc.encodeStateVector() })),
  );
  ws.on('message', (data: Buffer) => {
    const message = decodeWireMessage(new Uint8Array(data));
    if (!message.ok) throw message.error;
    const value = message.value;
    if (value.type === 'syncStep1') {
      send(
        encodeWireMessage({
          type: 'syncStep2',
          update: doc.encodeUpdateSince(value.stateVector),
        }),
      );
    } else if (value.type === 'syncStep2' || value.type === 'syncUpdate') {
      try {
        doc.applyUpdate(value.update, 'relay');
      } catch (error) {
        // A peer refuses a change it cannot apply and stays usable (AM9): recorded, not thrown.
        refused.push(String(error));
      }
      if (value.type === 'syncStep2') markSynced();
    } else if (value.type === 'authPermissionDenied') {
      denied.push(value.reason);
    }
  });
  return {
    doc,
    synced: () => synced,
    closed: () => closed,
    denied,
    refused,
    destroy: () => {
      stop();
      ws.close();
    },
  };
}
