import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';

const staticDir = resolve(import.meta.dirname, '../../client/dist');

/** Each test gets its own real relay process, serving the built PWA, on its own data directory. */
export const test = base.extend<{ relay: RelayProcess }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies.
  relay: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ensemble-e2e-'));
    const relay = await startRelayProcess({ dataDir, staticDir });
    await use(relay);
    await relay.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };

export interface CommunityInput {
  readonly name: string;
  readonly city?: string;
  /** The founder's name (the device's display name from then on); 'Alice' by default. */
  readonly founder?: string;
}

/** Creates a community through the UI and returns its share link (the founder's invite). */
export async function createCommunity(page: Page, input: CommunityInput): Promise<string> {
  await page.getByTestId('create-community').click();
  await page.getByTestId('founder-name').fill(input.founder ?? 'Alice');
  await page.getByTestId('community-name').fill(input.name);
  await page.getByTestId('community-city').fill(input.city ?? 'Lyon');
  await page.getByTestId('community-description').fill('Une communauté de test');
  await page.getByTestId('create-community-submit').click();
  await expect(page.getByTestId('community-title')).toHaveText(input.name);
  const link = await page.getByTestId('share-link').inputValue();
  // The invite link carries the relay capability, the invite and its secret in the fragment,
  // never sent to a server.
  expect(link).toMatch(
    /\/#\/join\/[A-Za-z0-9_-]{16,}\/[A-Za-z0-9_-]{22,}\/[A-Za-z0-9_-]{16,}\/[A-Za-z0-9_-]{22,}$/,
  );
  return link;
}

/** On a page opened with an invite link: joins the community as `name` (sponsored by the link's creator). */
export async function joinCommunity(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('community-title')).toBeVisible();
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await expect(page.getByTestId('join-panel')).toHaveCount(0);
}

/** Opens an invite link in a new page of `context` and joins as `name`. */
export async function openAsMember(
  context: BrowserContext,
  link: string,
  name: string,
): Promise<Page> {
  const page = await openPage(context, link);
  await joinCommunity(page, name);
  return page;
}

/** Adds an event through the UI, from the community page, and waits to be back on it. */
export async function addEvent(page: Page, title: string, day = '2030-06-12'): Promise<void> {
  await page.getByTestId('add-event').click();
  await page.getByTestId('event-title').fill(title);
  await page.getByTestId('event-start').fill(`${day}T18:30`);
  await page.getByTestId('event-end').fill(`${day}T21:00`);
  await page.getByTestId('event-place').fill('La Maison des associations');
  await page.getByTestId('event-submit').click();
  await expect(page.getByTestId('event-item').filter({ hasText: title })).toBeVisible();
}

export async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
}

/** Waits until the page is controlled by the service worker (reloading once after its first install). */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
  if (!controlled) await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'))
    .toBe('activated');
}

export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  return page;
}
