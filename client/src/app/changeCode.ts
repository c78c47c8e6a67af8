import type { applyCommunityChange } from '@ensemble/shared';

export type ApplyCommunityChange = typeof applyCommunityChange;

let loaded: ApplyCommunityChange | undefined;
let loading: Promise<ApplyCommunityChange> | undefined;

/**
 * Loads the domain's change code (precached by the service worker, so this works
 * offline). Screens that write changes wait for it before they show (see App.tsx).
 */
export function loadChangeCode(): Promise<ApplyCommunityChange> {
  loading ??= import('./communityChanges').then((module) => {
    loaded = module.applyCommunityChange;
    return loaded;
  });
  return loading;
}

/** The change code, once `loadChangeCode()` has resolved. */
export function changeCode(): ApplyCommunityChange {
  if (!loaded) throw new Error('The change code is not loaded: await loadChangeCode() first');
  return loaded;
}
