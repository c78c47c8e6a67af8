import { SettingKey } from '../storage/EnsembleDatabase';
import type { SettingsStore } from '../storage/SettingsStore';
import { type ReadableStore, ValueStore } from '../util/ValueStore';

/** Chromium's install event (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * What to offer: `prompt` (the browser can install the app: our button opens its
 * dialog), `ios` (Safari on iPhone/iPad: only "Add to Home Screen" in the Share
 * menu installs), `none` (installed, dismissed, or not installable here).
 */
export type InstallOffer = 'prompt' | 'ios' | 'none';

/**
 * Safari on iOS/iPadOS, not already opened from the home screen. iPadOS Safari says
 * "Macintosh" but has touch; Chrome/Firefox/Edge on iOS say CriOS/FxiOS/EdgiOS.
 */
export function isIosSafari(
  userAgent: string,
  maxTouchPoints: number,
  standalone: boolean,
): boolean {
  if (standalone) return false;
  const ios =
    /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  return ios && /Safari\//.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent);
}

/**
 * Captures `beforeinstallprompt` as early as possible (it fires once, often before
 * the first render) and offers installation unobtrusively; a dismissal is remembered.
 */
export class InstallPrompt {
  private readonly offer = new ValueStore<InstallOffer>('none');
  private readonly suggestion = new ValueStore<InstallOffer>('none');
  private deferred: BeforeInstallPromptEvent | undefined;
  private dismissed = false;
  private ios = false;

  constructor(
    private readonly settings: SettingsStore | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Listens to the browser; call before anything slow at start-up. */
  listen(win: Window = window): void {
    win.addEventListener('beforeinstallprompt', (event) => {
      // Keep the browser's own mini-bar away: we offer it where it does not get in the way.
      event.preventDefault();
      this.deferred = event as BeforeInstallPromptEvent;
      this.refresh();
    });
    win.addEventListener('appinstalled', () => {
      this.deferred = undefined;
      this.ios = false;
      this.refresh();
    });
    const standalone =
      win.matchMedia?.('(display-mode: standalone)').matches === true ||
      (win.navigator as Navigator & { standalone?: boolean }).standalone === true;
    this.ios = isIosSafari(win.navigator.userAgent, win.navigator.maxTouchPoints ?? 0, standalone);
    this.refresh();
  }

  /** Reads whether the person already said "no thanks". */
  async load(): Promise<void> {
    this.dismissed = (await this.settings?.get(SettingKey.installDismissed)) === true;
    this.refresh();
  }

  /** What this browser allows (shown in the settings, even after "not now"). */
  get available(): ReadableStore<InstallOffer> {
    return this.offer;
  }

  /** What to suggest unprompted on the home screen: nothing once dismissed. */
  get suggested(): ReadableStore<InstallOffer> {
    return this.suggestion;
  }

  /** Opens the browser's install dialog; resolves with whether the app was installed. */
  async install(): Promise<boolean> {
    const event = this.deferred;
    if (!event) return false;
    // The event can be used once.
    this.deferred = undefined;
    this.refresh();
    await event.prompt();
    const { outcome } = await event.userChoice;
    return outcome === 'accepted';
  }

  /** "Not now": hidden, and not offered again on this device. */
  dismiss(): void {
    this.dismissed = true;
    this.refresh();
    this.settings?.set(SettingKey.installDismissed, true).catch(this.onError);
  }

  private refresh(): void {
    const offer: InstallOffer = this.deferred ? 'prompt' : this.ios ? 'ios' : 'none';
    this.offer.set(offer);
    this.suggestion.set(this.dismissed ? 'none' : offer);
  }
}
