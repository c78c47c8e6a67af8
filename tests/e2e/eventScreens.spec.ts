import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { createCommunity, expect, expectSynced, openPage, test } from './fixtures';

/** Screenshots of the event page at 390x844, in French and English, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

test('the event page renders at phone size in both languages', async ({ browser, relay }) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  await createCommunity(page, { name: 'Rencontres de la Croix-Rousse', city: 'Lyon' });
  await page.getByTestId('add-event').click();
  await page.getByTestId('event-title').fill('Apéro du mois');
  await page.getByTestId('event-start').fill('2030-06-11T18:30');
  await page.getByTestId('event-end').fill('2030-06-11T21:00');
  await page.getByTestId('event-place').fill('La Maison des associations');
  await page.getByTestId('event-capacity').fill('12');
  await page.getByTestId('event-recurrence').selectOption('monthly-by-weekday');
  await page.getByTestId('event-until').fill('2030-12-31');
  await shoot(page, 'fr-add-event-recurring');
  await page.getByTestId('event-submit').click();
  await page.getByTestId('event-link').click();
  await expect(page.getByTestId('event-title-heading')).toHaveText('Apéro du mois');
  await page.getByTestId('occurrence-link').nth(1).click();
  await page.getByTestId('occurrence-cancel').click();
  await page.getByTestId('occurrence-link').first().click();
  await page.getByTestId('rsvp-going').click();
  await expect(page.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await page.getByTestId('comment-input').fill('J’apporte de quoi grignoter.');
  await page.getByTestId('comment-submit').click();
  await expect(page.getByTestId('comment-item')).toHaveCount(1);
  await page.getByTestId('checkin-toggle').click();
  await expect(page.getByTestId('checkin-item')).toHaveCount(1);
  await expectSynced(page);
  await shoot(page, 'fr-event');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.getByTestId('rsvp-state')).toHaveText('Confirmed');
  await shoot(page, 'en-event');
  await context.close();
});
