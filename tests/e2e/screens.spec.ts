import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { addEvent, createCommunity, expect, expectSynced, openPage, test } from './fixtures';

/** Screenshots of the main screens at 390x844, in French and English, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // The file panel of the home and community pages is loaded just after them.
  if (/home|community$/.test(name)) await expect(page.getByTestId('import-file')).toBeAttached();
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

test('main screens render at phone size in both languages', async ({ browser, relay }) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  await expect(page.getByTestId('create-community')).toBeVisible();
  await shoot(page, 'fr-home-empty');
  await page.getByTestId('create-community').click();
  await page.getByTestId('create-community-submit').click();
  await shoot(page, 'fr-create-community-error');
  await page.goto(`${relay.url}/`);
  await createCommunity(page, { name: 'Rencontres de la Croix-Rousse', city: 'Lyon' });
  await addEvent(page, 'Apéro de juin');
  await expectSynced(page);
  await shoot(page, 'fr-community');
  await page.getByTestId('add-event').click();
  await shoot(page, 'fr-add-event');
  await page.goto(`${relay.url}/`);
  await expect(page.getByTestId('community-item')).toHaveCount(1);
  await shoot(page, 'fr-home');
  await page.getByTestId('language-select').selectOption('en');
  await shoot(page, 'en-home');
  await page.getByTestId('community-item').click();
  await expect(page.getByTestId('event-item')).toHaveCount(1);
  await shoot(page, 'en-community');
  await context.close();
});
