/** How long to wait for a frame at most (a hidden tab gets none: do not wait for it). */
const FRAME_WAIT_MS = 100;

/**
 * Resolves once the browser has painted what is rendered now: after the next animation
 * frame, in a task of its own, so that a long task started then (applying a large
 * document) does not hold back the paint. Without frames (a hidden tab, no DOM) it
 * resolves after a short delay instead.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, FRAME_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => {
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0);
    });
  });
}
