import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { addEvent, createCommunity, expect, joinCommunity, openPage, test } from './fixtures';

async function openDirectorySection(page: Page): Promise<void> {
  await page.getByTestId('tab-link-members').click();
  await expect(page.getByRole('heading', { name: 'Annuaire public' })).toBeVisible();
}

test('[DIR2] [DIR4] a listed community is found by theme and city from a fresh context, an unlisted one is not; "ask to join" leads to its join path', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Vélorution Lyon', city: 'Lyon' });
  await addEvent(pageA, 'Atelier réparation ouvert');
  await addEvent(pageA, 'Réunion du bureau', '2030-06-13');
  await openDirectorySection(pageA);
  await pageA.getByTestId('directory-listed').check();
  await pageA.getByTestId('directory-themes').fill('vélo, réparation');
  await pageA.getByTestId('directory-join-open').check();
  await pageA.getByLabel('Atelier réparation ouvert').check();
  await pageA.getByTestId('directory-save').click();
  await expect(pageA.getByTestId('directory-outcome')).toHaveText(
    'Publiée dans l’annuaire du relais.',
  );
  await expect(pageA.getByTestId('directory-preview')).toContainText('1 événement(s) public(s)');

  // Another community with the same theme and city chooses not to be listed.
  const carla = await browser.newContext();
  const pageC = await openPage(carla, `${relay.url}/`);
  await createCommunity(pageC, { name: 'Cyclistes discrets', city: 'Lyon', founder: 'Carla' });
  await openDirectorySection(pageC);
  await pageC.getByTestId('directory-themes').fill('vélo');
  await pageC.getByTestId('directory-contact').fill('Parlez-en à Carla');
  await pageC.getByTestId('directory-save').click();
  await expect(pageC.getByTestId('directory-outcome')).toHaveText(
    'La communauté n’apparaît plus dans l’annuaire.',
  );

  // Someone who knows nothing of either finds the directory and searches it.
  // The page's strict CSP forbids inline scripts; only the accessibility audit's is let through.
  const stranger = await browser.newContext({ bypassCSP: true });
  const page = await openPage(stranger, `${relay.url}/directory`);
  await expect(page.getByRole('heading', { name: 'Annuaire des communautés' })).toBeVisible();
  await page.getByLabel('Thème', { exact: true }).fill('velo');
  await page.getByLabel('Ville', { exact: true }).fill('lyon');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const entries = page.getByTestId('directory-entry');
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText('Vélorution Lyon');
  await expect(entries).toContainText('#réparation');
  await expect(entries).toContainText('Atelier réparation ouvert');
  await expect(page.locator('body')).not.toContainText('Réunion du bureau');
  await expect(page.locator('body')).not.toContainText('Cyclistes discrets');
  await expect(page.locator('body')).not.toContainText('Une communauté de test');
  await expectNoSeriousAxeViolation(page, 'directory page');

  await page.getByLabel('Thème', { exact: true }).fill('jardinage');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByTestId('directory-empty')).toHaveText(
    'Aucune communauté ne correspond à cette recherche.',
  );

  await page.goto(`${relay.url}/directory?theme=r%C3%A9paration&city=Lyon`);
  await page.getByRole('link', { name: 'Demander à rejoindre' }).click();
  await joinCommunity(page, 'Dora');
  await expect(page.getByTestId('community-title')).toHaveText('Vélorution Lyon');

  await alice.close();
  await carla.close();
  await stranger.close();
});
