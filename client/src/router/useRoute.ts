import { useSyncExternalStore } from 'react';
import { parseRoute, type Route } from './routes';

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const getHash = () => window.location.hash;

let cachedHash: string | undefined;
let cachedRoute: Route = { name: 'home' };

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  if (hash !== cachedHash) {
    cachedHash = hash;
    cachedRoute = parseRoute(hash);
  }
  return cachedRoute;
}

/** Goes to `hash`; `replace` keeps the page out of the back history (after a form). */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.location.replace(hash);
  } else {
    window.location.hash = hash;
  }
}
