import type { CommunityId, ProjectId } from '@ensemble/shared';
import { use, useEffect, useSyncExternalStore } from 'react';
import type { Peer } from '../../sync/Presence';
import type { SyncState } from '../../sync/syncStatus';
import { useStore } from '../hooks';
import { useServices } from '../services';
import type { ProjectRepository } from './ProjectRepository';
import type { ProjectSession, ProjectView } from './ProjectSession';

/** The project repository (suspends the first time, while its code loads). */
export function useProjectRepository(): ProjectRepository {
  return use(useServices().projects());
}

/** A project's session; keeps its document open (and syncing) while mounted. */
export function useProjectSession(communityId: CommunityId, id: ProjectId): ProjectSession {
  const projects = useProjectRepository();
  const session = projects.session(communityId, id);
  useEffect(() => projects.retain(communityId, id), [projects, communityId, id]);
  return session;
}

/** A project's current view. */
export function useProjectView(session: ProjectSession): ProjectView {
  return useSyncExternalStore(session.subscribe, session.getView, session.getView);
}

export function useProjectSync(session: ProjectSession): SyncState {
  return useStore(session.syncStatus);
}

/** Who is here now (throttled). */
export function usePeers(session: ProjectSession): readonly Peer[] {
  return useStore(useStore(session.presence));
}
