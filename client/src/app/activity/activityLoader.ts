import type { ActivityDeps, ActivityService } from './ActivityService';

/** The home's activity summaries, their code loaded on first use. */
export type LoadActivity = () => Promise<ActivityService>;

/**
 * First-load side of the home's activity summaries. The code that reads documents for
 * them loads once a community is first shown (to record what was seen) or the home's
 * summaries are.
 */
export function activityLoader(deps: ActivityDeps): LoadActivity {
  let service: Promise<ActivityService> | undefined;
  const load = () => {
    service ??= import('./ActivityService').then(
      (module) => module.startActivity(deps),
      (error: unknown) => {
        // Offline before the code was ever cached: try again next time.
        service = undefined;
        throw error;
      },
    );
    return service;
  };
  // The first change of the communities on screen is the first one shown.
  const stop = deps.repository.viewers.subscribe(() => {
    stop();
    load().catch(deps.onError);
  });
  return load;
}
