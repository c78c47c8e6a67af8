/**
 * What bench:client records inside the page, injected before the app's scripts run
 * (`context.addInitScript(installProbes)`): the time (performance.now(), at the animation
 * frame after the change) of
 * - the app shell: the header rendered, before any community is read;
 * - events painted: the first `[data-testid=event-item]`, and whether the list then came
 *   from the community's stored digest (`data-state="digest"`) or from its document;
 * - document loaded: the event list drawn from the full document (`data-state="document"`),
 *   when the page is interactive (RSVP, add an event).
 */
export interface PageProbes {
  readonly shellAt?: number;
  readonly eventsPainted: Promise<{ at: number; from: string }>;
  readonly documentLoaded: Promise<number>;
}

/**
 * The probes as a script (`context.addInitScript({ content: PROBES_SCRIPT })`): plain
 * JavaScript text, because tsx would add its own helpers to a function's source.
 */
export const PROBES_SCRIPT = `(() => {
  const atNextFrame = () =>
    new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  let shellAt;
  const when = (found) =>
    new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (shellAt === undefined && document.querySelector('.app-header')) {
          shellAt = performance.now();
        }
        const value = found();
        if (value === undefined) return;
        observer.disconnect();
        resolve(value);
      });
      observer.observe(document, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
  const eventsPainted = when(() => {
    if (!document.querySelector('[data-testid=event-item]')) return undefined;
    const list = document.querySelector('[data-testid=event-list]');
    return (list && list.dataset.state) || 'unknown';
  }).then(async (from) => ({ at: await atNextFrame(), from }));
  const documentLoaded = when(() =>
    document.querySelector('[data-testid=event-list][data-state=document]') ? true : undefined,
  ).then(atNextFrame);
  window.__probes = {
    get shellAt() {
      return shellAt;
    },
    eventsPainted,
    documentLoaded,
  };
})();`;
