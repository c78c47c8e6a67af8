import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { loadChangeCode } from '../app/changeCode';

/**
 * A screen loaded on demand (and precached by the service worker, so it opens offline
 * too). Screens that write changes also wait for the domain's change code.
 */
export function lazyScreen<Props>(
  load: () => Promise<ComponentType<Props>>,
  options: { writes: boolean } = { writes: true },
): LazyExoticComponent<ComponentType<Props>> {
  return lazy(async () => {
    const [component] = await Promise.all([
      load(),
      options.writes ? loadChangeCode() : Promise.resolve(undefined),
    ]);
    return { default: component };
  });
}
