import type { Workbox } from 'workbox-window';
import { type ReadableStore, ValueStore } from '../util/ValueStore';

/**
 * Registers the service worker (app shell offline) and tells when a new version is
 * waiting; `apply()` activates it and reloads once it controls the page.
 */
export class UpdateService {
  private readonly waiting = new ValueStore(false);
  private workbox: Workbox | undefined;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** True when a new version is installed and waits for the user's go-ahead. */
  get available(): ReadableStore<boolean> {
    return this.waiting;
  }

  /** Only over HTTPS or on localhost, in production builds, where service workers exist. */
  static canRegister(win: Window = window): boolean {
    return import.meta.env.PROD && win.isSecureContext && 'serviceWorker' in win.navigator;
  }

  register(url = '/sw.js'): void {
    // workbox-window is not needed to paint the first page: loaded just after it.
    import('workbox-window')
      .then(({ Workbox }) => this.start(new Workbox(url)))
      .catch(this.onError);
  }

  private start(workbox: Workbox): void {
    this.workbox = workbox;
    workbox.addEventListener('waiting', () => this.waiting.set(true));
    workbox.register().catch(this.onError);
    // Look for a new version whenever the app comes back to the foreground.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') workbox.update().catch(this.onError);
    });
  }

  apply(): void {
    const workbox = this.workbox;
    if (!workbox) {
      window.location.reload();
      return;
    }
    workbox.addEventListener('controlling', () => window.location.reload());
    workbox.messageSkipWaiting();
  }
}
