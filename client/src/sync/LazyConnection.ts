import type { DocumentConnection } from '../app/CommunityRepository';
import { ValueStore } from '../util/ValueStore';
import type { RelayRefusal } from './RelayConnection';
import type { SyncProgress, SyncState } from './syncStatus';

/**
 * A connection whose code is loaded on demand (the websocket provider is not needed to
 * paint what the device already holds, so it stays out of the first load). Its status
 * reads `initial` until the real connection reports; destroying it before then
 * destroys the real one as soon as it exists.
 */
export function lazyConnection(
  load: () => Promise<DocumentConnection>,
  initial: SyncState,
  onError: (error: unknown) => void,
): DocumentConnection {
  const status = new ValueStore<SyncState>(initial);
  const refusal = new ValueStore<RelayRefusal | undefined>(undefined);
  const progress = new ValueStore<SyncProgress>({ pending: 0 });
  let destroyed = false;
  let inner: DocumentConnection | undefined;
  const stops: (() => void)[] = [];
  load().then(
    (connection) => {
      if (destroyed) {
        connection.destroy();
        return;
      }
      inner = connection;
      const follow = () => {
        status.set(connection.status.get());
        refusal.set(connection.refusal.get());
        if (connection.progress) progress.set(connection.progress.get());
      };
      follow();
      stops.push(connection.status.subscribe(follow), connection.refusal.subscribe(follow));
      if (connection.progress) stops.push(connection.progress.subscribe(follow));
    },
    (error: unknown) => {
      // The code could not load (offline before it was ever cached): stay on this device.
      onError(error);
      if (!destroyed) status.set('offline');
    },
  );
  return {
    status,
    refusal,
    progress,
    destroy: () => {
      destroyed = true;
      for (const stop of stops.splice(0)) stop();
      inner?.destroy();
    },
  };
}
