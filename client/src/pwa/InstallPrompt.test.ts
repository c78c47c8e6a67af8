import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { SettingsStore } from '../storage/SettingsStore';
import { InstallPrompt, isIosSafari } from './InstallPrompt';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const IPHONE_CHROME =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/130.0 Mobile/15E148 Safari/604.1';
const IPAD_SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36';

let db: EnsembleDatabase | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** A stand-in for Chromium's beforeinstallprompt event. */
function installEvent(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  let prompted = 0;
  Object.assign(event, {
    prompt: async () => {
      prompted += 1;
    },
    userChoice: Promise.resolve({ outcome }),
  });
  return { event, prompted: () => prompted };
}

describe('isIosSafari', () => {
  it('tells Safari on iPhone and iPad (which says Macintosh) from other browsers and the installed app', () => {
    expect(isIosSafari(IPHONE_SAFARI, 5, false)).toBe(true);
    expect(isIosSafari(IPAD_SAFARI, 5, false)).toBe(true);
    expect(isIosSafari(IPAD_SAFARI, 0, false)).toBe(false); // a real Mac
    expect(isIosSafari(IPHONE_CHROME, 5, false)).toBe(false);
    expect(isIosSafari(ANDROID_CHROME, 5, false)).toBe(false);
    expect(isIosSafari(IPHONE_SAFARI, 5, true)).toBe(false); // already on the home screen
  });
});

describe('InstallPrompt', () => {
  it('offers the captured browser prompt once, and stops suggesting it after "not now", across starts', async () => {
    db = openEnsembleDatabase(`install-${Math.random()}`);
    const settings = new SettingsStore(db);
    const install = new InstallPrompt(settings, (error) => {
      throw error;
    });
    install.listen(window);
    await install.load();
    expect(install.suggested.get()).toBe('none');

    const { event, prompted } = installEvent('accepted');
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(install.suggested.get()).toBe('prompt');

    install.dismiss();
    expect(install.suggested.get()).toBe('none');
    // Still possible from the settings.
    expect(install.available.get()).toBe('prompt');
    await expect(install.install()).resolves.toBe(true);
    expect(prompted()).toBe(1);
    expect(install.available.get()).toBe('none');

    const restarted = new InstallPrompt(settings, () => undefined);
    restarted.listen(window);
    await expect.poll(async () => (await settings.get('installDismissed')) === true).toBe(true);
    await restarted.load();
    window.dispatchEvent(installEvent('dismissed').event);
    expect(restarted.available.get()).toBe('prompt');
    expect(restarted.suggested.get()).toBe('none');
  });
});
