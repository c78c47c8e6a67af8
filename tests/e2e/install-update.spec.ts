import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import {
  addEvent,
  createCommunity,
  expect,
  expectSynced,
  openPage,
  test,
  waitForServiceWorkerControl,
} from './fixtures';

/**
 * The journey of an installed app: the browser offers installation and our button opens
 * its dialog (Safari on iOS gets the "Add to Home Screen" steps); later a new version is
 * deployed, the app says so, and after "Reload" the new version runs with every piece
 * of data and every setting intact. (pwa.spec.ts checks Chromium's installability verdict.)
 */

const REPO = resolve(import.meta.dirname, '../..');
const CURRENT_DIST = join(REPO, 'client/dist');
const CURRENT = (
  JSON.parse(readFileSync(join(REPO, 'client/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const NEXT = `${CURRENT}-next`;

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

/** A stand-in for Chromium's `beforeinstallprompt`; counts the calls to prompt(). */
async function offerInstall(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const calls = window as unknown as { promptCalls: number };
    calls.promptCalls = 0;
    const event = new Event('beforeinstallprompt', { cancelable: true });
    Object.assign(event, {
      prompt: async () => {
        calls.promptCalls += 1;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

test('the browser’s install offer shows our install button, which opens the browser’s dialog', async ({
  page,
  relay,
}) => {
  await page.goto(`${relay.url}/`);
  await expect(page.getByTestId('create-community')).toBeVisible();
  await expect(page.getByTestId('install-hint')).toHaveCount(0);
  // We keep the browser's own mini-bar away and offer it on the home page instead.
  expect(await offerInstall(page)).toBe(true);
  const hint = page.getByTestId('install-hint');
  await expect(hint.getByRole('heading', { name: 'Installer Ensemble' })).toBeVisible();
  await hint.getByRole('button', { name: 'Installer', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { promptCalls: number }).promptCalls))
    .toBe(1);
  // The browser's offer is used once: nothing left to suggest.
  await expect(hint).toHaveCount(0);

  // Offered again, then "Not now": not suggested any more, even after a restart…
  await offerInstall(page);
  await page.getByTestId('install-dismiss').click();
  await expect(hint).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('create-community')).toBeVisible();
  await offerInstall(page);
  await expect(page.getByTestId('import-file')).toBeAttached();
  await expect(hint).toHaveCount(0);
  // …but still possible from the settings.
  await page.getByTestId('settings-link').click();
  await page.getByTestId('settings-install').click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { promptCalls: number }).promptCalls))
    .toBe(1);
  await expect(page.getByText('Application installée.')).toBeVisible();
});

test('on an iPhone, Safari users are told how to add the app to their home screen', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext({ userAgent: IPHONE_SAFARI, hasTouch: true });
  const page = await openPage(context, `${relay.url}/`);
  const hint = page.getByTestId('install-hint');
  await expect(hint).toContainText('touchez Partager puis « Sur l’écran d’accueil »');
  // Safari has no install dialog to open: only the steps, and "not now".
  await expect(hint.getByRole('button')).toHaveCount(1);
  await expect(hint.getByTestId('install-dismiss')).toBeVisible();
  await context.close();
});

test.describe('a new version', () => {
  let nextDist = '';

  test.beforeAll(async () => {
    // The same app built as the next version: what a group deploys on its server.
    test.setTimeout(180_000);
    nextDist = mkdtempSync(join(tmpdir(), 'ensemble-next-'));
    await promisify(execFile)(
      join(REPO, 'node_modules/.bin/vite'),
      ['build', '--outDir', nextDist, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: REPO, env: { ...process.env, ENSEMBLE_APP_VERSION: NEXT } },
    );
  });

  test.afterAll(() => {
    if (nextDist) rmSync(nextDist, { recursive: true, force: true });
  });

  test('is announced, runs after "Reload", and finds every community, event, RSVP and setting intact', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    // The relay serves the deployed app from a directory that is swapped for the new build.
    const work = mkdtempSync(join(tmpdir(), 'ensemble-site-'));
    const site = join(work, 'site');
    symlinkSync(CURRENT_DIST, site);
    const relay: RelayProcess = await startRelayProcess({
      dataDir: join(work, 'data'),
      staticDir: site,
    });
    const context = await browser.newContext();
    try {
      const page = await openPage(context, `${relay.url}/`);
      await waitForServiceWorkerControl(page);
      await expect(page.getByTestId('app-version')).toHaveText(`Version ${CURRENT}`);

      await createCommunity(page, { name: 'Apéros de la Croix-Rousse', founder: 'Awa' });
      await addEvent(page, 'Apéro de juin');
      await page.getByTestId('event-link').filter({ hasText: 'Apéro de juin' }).click();
      await page.getByTestId('rsvp-going').click();
      await expect(page.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
      await expectSynced(page);
      await page.getByTestId('settings-link').click();
      await page.getByTestId('settings-language').selectOption('en');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

      // The new version is deployed; the app looks for it when it comes back to the foreground.
      const swap = join(work, 'site-next');
      symlinkSync(nextDist, swap);
      renameSync(swap, site);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      const prompt = page.getByTestId('update-prompt');
      await expect(prompt).toContainText('A new version of Ensemble is available.');
      // Nothing changes until the person says so.
      await expect(page.getByTestId('app-version')).toHaveText(`Version ${CURRENT}`);
      await prompt.getByRole('button', { name: 'Reload' }).click();

      await expect(page.getByTestId('app-version')).toHaveText(`Version ${NEXT}`);
      await expect(prompt).toHaveCount(0);
      await expectIntact(page, relay);

      // The new version is the one cached for offline use too.
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByTestId('app-version')).toHaveText(`Version ${NEXT}`);
      await expectIntact(page, relay);
    } finally {
      await context.close();
      await relay.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });
});

/** The community, its event, Awa's RSVP and her language, as they were before the update. */
async function expectIntact(page: Page, relay: RelayProcess): Promise<void> {
  await page.goto(`${relay.url}/#/settings`);
  await expect(page.getByTestId('settings-language')).toHaveValue('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto(`${relay.url}/`);
  await expect(page.getByTestId('community-item')).toHaveText(/Apéros de la Croix-Rousse/);
  await page.getByTestId('community-item').click();
  await page.getByTestId('event-link').filter({ hasText: 'Apéro de juin' }).click();
  await expect(page.getByTestId('rsvp-state')).toHaveText('Confirmed');
}
