import type { DocumentConnection } from '../app/CommunityRepository';
import { ValueStore } from '../util/ValueStore';
import type { RelayRefusal } from './RelayConnection';
import { SyncState } from './syncStatus';

/**
 * The "connection" of a community this device holds no capability for: it never
 * contacts the relay (which would refuse it anyway) and says why.
 */
export function noAccessConnection(): DocumentConnection {
  const refusal: RelayRefusal = { code: 4403, reason: 'forbidden', detail: 'no-capability' };
  return {
    status: new ValueStore<SyncState>(SyncState.offline),
    refusal: new ValueStore<RelayRefusal | undefined>(refusal),
    destroy: () => undefined,
  };
}
