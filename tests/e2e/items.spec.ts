import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { createCommunity, expect, expectSynced, openAsMember, openPage, test } from './fixtures';

/** Screenshots of the item screens at 390x844, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const REQUEST = 'Qui peut prêter un vidéoprojecteur ?';
const LOAN = 'Vidéoprojecteur Epson';

async function openItemsTab(page: Page): Promise<void> {
  await page.getByTestId('tab-link-items').click();
  await expect(page.getByRole('heading', { name: 'Objets, dons et demandes' })).toBeVisible();
}

/** From an item's page, its back link leads to the items tab. */
async function backToItems(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^← Retour à/ }).click();
  await expect(page.getByRole('heading', { name: 'Objets, dons et demandes' })).toBeVisible();
}

async function openItem(page: Page, title: string): Promise<void> {
  await page.getByTestId('item-link').filter({ hasText: title }).click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(title);
}

test('mutual aid: a request, a loan in answer, reserved, handed over, returned offline', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bruno = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Entraide des Pentes' });
  await openItemsTab(pageA);
  await expect(pageA.getByTestId('items-empty')).toBeVisible();

  // Alice asks; the form says what is missing before anything is written.
  await pageA.getByTestId('item-new').click();
  await pageA.getByTestId('item-submit').click();
  await expect(pageA.locator('#item-title-error')).toHaveText(/Ce champ est obligatoire/);
  await expect(pageA.getByTestId('item-title')).toBeFocused();
  await expectNoSeriousAxeViolation(pageA, 'new item (validation error)');
  await pageA.getByTestId('item-kind-request').check();
  await pageA.getByTestId('item-title').fill(REQUEST);
  await pageA.getByTestId('item-description').fill('Pour la projection du ciné-club samedi.');
  await pageA.getByTestId('item-tags').fill('image, ciné-club');
  await shoot(pageA, 'fr-item-new');
  await pageA.getByTestId('item-submit').click();
  await expect(pageA.getByTestId('item-title-heading')).toHaveText(REQUEST);
  await expect(pageA.getByTestId('item-state')).toHaveText('En attente d’une réponse');
  await expectSynced(pageA);

  // Bruno joins with the invite link, finds the request and answers with a loan.
  const pageB = await openAsMember(bruno, link, 'Bruno');
  await expect(pageB.getByTestId('community-title')).toHaveText('Entraide des Pentes');
  await openItemsTab(pageB);
  await expect(pageB.getByTestId('item-card')).toHaveCount(1);
  await expect(pageB.getByTestId('item-status')).toHaveText('En attente d’une réponse');
  await openItem(pageB, REQUEST);
  await pageB.getByTestId('item-answer').click();
  await expect(pageB.getByTestId('item-answering')).toContainText(REQUEST);
  await expect(pageB.getByTestId('item-kind-lend')).toBeChecked();
  await pageB.getByTestId('item-title').fill(LOAN);
  await pageB.getByTestId('item-tags').fill('image, son');
  await pageB.getByTestId('item-submit').click();
  await expect(pageB.getByTestId('item-title-heading')).toHaveText(LOAN);
  await expect(pageB.getByTestId('item-state')).toHaveText('Disponible');
  await expect(pageB.getByTestId('item-page-kind')).toHaveText('Prêt');
  // The owner completes the listing; an emptied title is refused and nothing is lost.
  await pageB.getByTestId('item-edit').click();
  await pageB.getByTestId('item-edit-title').fill(' ');
  await pageB.getByTestId('item-edit-description').fill('Avec son câble HDMI.');
  await pageB.getByTestId('item-edit-save').click();
  await expect(pageB.locator('#item-edit-title-error')).toHaveText(/Ce champ est obligatoire/);
  await expect(pageB.getByTestId('item-edit-description')).toHaveValue('Avec son câble HDMI.');
  await pageB.getByTestId('item-edit-title').fill(LOAN);
  await pageB.getByTestId('item-edit-save').click();
  await expect(pageB.locator('.item-description')).toHaveText('Avec son câble HDMI.');

  // Alice hears of it on her request's page, then finds the loan by searching without accents.
  await expect(pageA.getByTestId('comment-item')).toContainText(`Je propose « ${LOAN} » (Prêt)`);
  await shoot(pageA, 'fr-item-request');
  await backToItems(pageA);
  await expect(pageA.getByTestId('item-card')).toHaveCount(2);
  await pageA.getByTestId('item-search').fill('videoprojecteur EPSON');
  await expect(pageA.getByTestId('item-card')).toHaveCount(1);
  await pageA.getByTestId('item-filter-request').click();
  await expect(pageA.getByTestId('item-card')).toHaveCount(0);
  await expect(pageA.getByTestId('item-count')).toHaveText(
    'Aucune annonce ne correspond à ces filtres.',
  );
  await pageA.getByTestId('item-filter-clear').click();
  await expect(pageA.getByTestId('item-card')).toHaveCount(2);
  await openItem(pageA, LOAN);
  await expect(pageA.locator('.item-description')).toHaveText('Avec son câble HDMI.');
  await expect(pageA.getByTestId('item-edit')).toHaveCount(0);
  await pageA.getByTestId('item-reserve').click();
  await expect(pageA.getByTestId('item-mine')).toHaveText('Vous êtes en position 1 dans la file.');
  await expect(pageA.getByTestId('item-state')).toHaveText('Réservé · 1 personne en file');

  // Bruno (the owner) sees the reservation and hands the projector over with a due date.
  await expect(pageB.getByTestId('item-state')).toHaveText('Réservé · 1 personne en file');
  await expect(pageB.getByTestId('queue-member')).toHaveCount(1);
  const aliceName = (await pageB.getByTestId('queue-member').textContent()) ?? '';
  // Members are known by the name they gave when founding or joining.
  expect(aliceName).toBe('Alice');
  await pageB.getByTestId('handover-due').fill('2030-06-20');
  await shoot(pageB, 'fr-item-owner-reserved');
  await expectNoSeriousAxeViolation(pageB, 'item page (owner, reserved)');
  await pageB.getByTestId('item-handover').click();
  await expect(pageB.getByTestId('item-state')).toHaveText(
    `Prêté à ${aliceName} jusqu’au 20 juin 2030`,
  );
  await expect(pageA.getByTestId('item-state')).toHaveText(
    'Emprunté par vous jusqu’au 20 juin 2030',
  );
  await expect(pageA.getByTestId('item-mine')).toHaveText(
    'Vous l’avez en ce moment, à rendre le 20 juin 2030.',
  );
  await expect(pageA.getByTestId('history-entry')).toHaveCount(1);
  await expect(pageA.getByTestId('history-entry')).toContainText(/^Vous : depuis le /);
  await expectSynced(pageB);

  // The projector comes back while Bruno has no network: recorded on his phone, synced later.
  await bruno.setOffline(true);
  await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await pageB.getByTestId('item-return').click();
  await expect(pageB.getByTestId('item-state')).toHaveText('Disponible');
  await expect(pageB.getByTestId('history-entry')).toContainText(/\(à rendre le 20 juin 2030\)$/);
  await expect(pageA.getByTestId('item-state')).toHaveText(
    'Emprunté par vous jusqu’au 20 juin 2030',
  );
  await bruno.setOffline(false);
  await expectSynced(pageB);
  await expect(pageA.getByTestId('item-state')).toHaveText('Disponible');
  await expect(pageA.getByTestId('item-mine')).toHaveCount(0);
  await expect(pageA.getByTestId('item-reserve')).toHaveText('Réserver');

  // Both see one holding period, with the same dates and due date.
  const periods = async (page: Page) =>
    ((await page.getByTestId('history-entry').allTextContents()) ?? []).map((text) =>
      text.replace(/^[^:]+ : /, ''),
    );
  await expect(pageA.getByTestId('history-entry')).toHaveCount(1);
  await expect(pageA.getByTestId('history-entry')).toContainText(/^Vous : (le|du) /);
  expect(await periods(pageA)).toEqual(await periods(pageB));
  await shoot(pageA, 'fr-item-returned');
  await expectNoSeriousAxeViolation(pageA, 'item page (returned)');

  // Alice closes her request: Bruno's "still open" filter leaves it out.
  await backToItems(pageA);
  await openItem(pageA, REQUEST);
  await pageA.getByTestId('item-close').click();
  await expect(pageA.getByTestId('item-state')).toHaveText('Fermée');
  await backToItems(pageB);
  await expect(
    pageB.getByTestId('item-card').filter({ hasText: REQUEST }).getByTestId('item-status'),
  ).toHaveText('Fermée');
  await pageB.getByTestId('item-filter-open').click();
  await expect(pageB.getByTestId('item-card')).toHaveCount(1);
  await expect(pageB.getByTestId('item-card')).toContainText(LOAN);
  await pageB.getByTestId('item-filter-open').click();
  await pageB.getByTestId('item-filter-mine').click();
  await expect(pageB.getByTestId('item-card')).toHaveCount(1);
  await expect(pageB.getByTestId('item-card')).toContainText('publiée par vous');
  await pageB.getByTestId('item-filter-mine').click();
  await shoot(pageB, 'fr-items-list');
  await expectNoSeriousAxeViolation(pageB, 'items tab');
  await pageB.getByTestId('language-select').selectOption('en');
  await expect(pageB.getByRole('heading', { name: 'Items, gifts and requests' })).toBeVisible();
  await expect(
    pageB.getByTestId('item-card').filter({ hasText: REQUEST }).getByTestId('item-status'),
  ).toHaveText('Closed');
  await shoot(pageB, 'en-items-list');
  await expectNoSeriousAxeViolation(pageB, 'items tab (en)');
  await openItem(pageB, LOAN);
  await expect(pageB.getByTestId('item-state')).toHaveText('Available');
  await expect(pageB.getByTestId('history-entry')).toContainText('(due back on June 20, 2030)');
  await shoot(pageB, 'en-item');
  await alice.close();
  await bruno.close();
});
