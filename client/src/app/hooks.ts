import type { CommunityId } from '@ensemble/shared';
import { useEffect, useSyncExternalStore } from 'react';
import type { CommunityAccess } from '../storage/AccessStore';
import type { CommunitySummary } from '../storage/CommunityIndex';
import type { RelayRefusal } from '../sync/RelayConnection';
import type { SyncProgress, SyncState } from '../sync/syncStatus';
import type { ReadableStore } from '../util/ValueStore';
import type { CommunityView } from './CommunitySession';
import type { CommunityDigest } from './communityDigest';
import { useServices } from './services';

export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** A community's current view; keeps its document open (and syncing) while mounted. */
export function useCommunity(id: CommunityId): CommunityView {
  const { repository } = useServices();
  const session = repository.session(id);
  useEffect(() => repository.retain(id), [repository, id]);
  return useSyncExternalStore(session.subscribe, session.getView, session.getView);
}

/** The stored digest shown while a community's document is read (undefined once it is). */
export function useCommunityDigest(id: CommunityId): CommunityDigest | undefined {
  return useStore(useServices().repository.session(id).digest);
}

/** Communities on this device, most recently opened first; undefined while loading. */
export function useMyCommunities(): readonly CommunitySummary[] | undefined {
  return useStore(useServices().myCommunities);
}

/** The sync state of an open community, or (no community) just whether the network is up. */
export function useSyncStatus(id: CommunityId | undefined): SyncState | 'online' {
  const { repository, network } = useServices();
  const online = useStore(network);
  const store: ReadableStore<SyncState | undefined> = id
    ? repository.session(id).syncStatus
    : noSession;
  const state = useStore(store);
  if (!id || state === undefined) return online ? 'online' : 'offline';
  return state;
}

/** Changes not yet sent and when the relay last had everything; nothing outside a community. */
export function useSyncProgress(id: CommunityId | undefined): SyncProgress {
  const { repository } = useServices();
  return useStore(id ? repository.syncProgress(id) : noProgress);
}

const nothingPending: SyncProgress = { pending: 0 };
const noProgress: ReadableStore<SyncProgress> = {
  get: () => nothingPending,
  subscribe: () => () => undefined,
};

const noSession: ReadableStore<undefined> = {
  get: () => undefined,
  subscribe: () => () => undefined,
};

/** Why the relay refuses this community's connection, if it does. */
export function useRelayRefusal(id: CommunityId): RelayRefusal | undefined {
  return useStore(useServices().repository.session(id).relayRefusal);
}

/** This device's access to a community (for its invite link), once the session has it. */
export function useCommunityAccess(id: CommunityId): CommunityAccess | undefined {
  return useStore(useServices().repository.session(id).access);
}
