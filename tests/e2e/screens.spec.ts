import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { addEvent, createCommunity, expect, expectSynced, openPage, test } from './fixtures';

/** Screenshots of the main screens at 390x844, in French and English, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  // The file panel of the home and community pages is loaded just after them.
  if (/home|community$/.test(name)) await expect(page.getByTestId('import-file')).toBeAttached();
  if (/home/.test(name)) await expect(page.getByTestId('join-qr-open')).toBeVisible();
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

test('members, invites with their QR code, joining and settings render at phone size', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  await page.getByTestId('join-qr-open').click();
  await expect(page.getByTestId('join-qr-reader')).toContainText('La caméra n’est pas disponible');
  await shoot(page, 'fr-home-join-qr');
  await expectNoSeriousAxeViolation(page, 'fr-home-join-qr');
  await createCommunity(page, { name: 'Entraide de la Guillotière', founder: 'Amina' });
  await page.getByTestId('tab-link-members').click();
  await page.getByTestId('invite-kind-one').check();
  await page.getByTestId('invite-create').click();
  const invite = page.getByTestId('invite-item').filter({ hasText: /sur 1|of 1/ });
  const link = await invite.getByTestId('invite-link').inputValue();
  await invite.getByTestId('invite-show-qr').click();
  await expect(invite.getByTestId('invite-qr')).toBeVisible();
  await expectSynced(page);
  await shoot(page, 'fr-members');
  await expectNoSeriousAxeViolation(page, 'fr-members');

  const newcomer = await browser.newContext();
  const joining = await openPage(newcomer, link);
  const visiting = await browser.newContext();
  await expect(joining.getByTestId('join-panel')).toBeVisible();
  await shoot(joining, 'fr-join-panel');
  await expectNoSeriousAxeViolation(joining, 'fr-join-panel');
  // Only the community's address, no invite: a visitor, who can scan an invite.
  const visitor = await openPage(visiting, link.split('/').slice(0, -2).join('/'));
  await visitor.getByTestId('join-viewer').getByTestId('join-qr-open').click();
  await expect(visitor.getByTestId('join-qr-reader')).toBeVisible();
  await shoot(visitor, 'fr-join-viewer');
  await expectNoSeriousAxeViolation(visitor, 'fr-join-viewer');
  await newcomer.close();
  await visiting.close();

  await page.getByTestId('settings-link').click();
  await expect(page.getByTestId('settings-language')).toBeVisible();
  await shoot(page, 'fr-settings');
  await expectNoSeriousAxeViolation(page, 'fr-settings');
  await page.getByTestId('settings-language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await shoot(page, 'en-settings');
  await page.goBack();
  await invite.getByRole('button', { name: 'Show the QR code' }).click();
  await expect(page.getByTestId('invite-qr')).toBeVisible();
  await shoot(page, 'en-members');
  await expectNoSeriousAxeViolation(page, 'en-members');
  await context.close();
});
