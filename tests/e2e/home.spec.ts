import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import {
  addEvent,
  createCommunity,
  expect,
  expectSynced,
  openAsMember,
  openPage,
  test,
} from './fixtures';

/** Screenshots of the home at 390x844, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const NAME = 'Vélo-école des Pentes';
const NOTHING_NEW = 'Rien de nouveau depuis votre dernière visite';
const EVENT = 'Atelier réparation';

async function goHome(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Accueil Ensemble' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes communautés' })).toBeVisible();
}

async function openEvent(page: Page): Promise<void> {
  await page.getByTestId('event-link').filter({ hasText: EVENT }).click();
  await expect(page.getByTestId('event-title-heading')).toHaveText(EVENT);
}

async function postItem(page: Page, title: string): Promise<void> {
  await page.getByTestId('tab-link-items').click();
  await page.getByTestId('item-new').click();
  await page.getByTestId('item-kind-offer').check();
  await page.getByTestId('item-title').fill(title);
  await page.getByTestId('item-submit').click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(title);
}

test('home: each community says what others did since I last looked', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  // Bob's clock can jump ahead, as when a phone stays on the home screen for a while.
  await bob.clock.install();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: NAME });
  await expectSynced(pageA);

  const pageB = await openAsMember(bob, link, 'Bruno');
  await expectSynced(pageB);
  await goHome(pageB);
  const card = pageB.getByTestId('community-item').filter({ hasText: NAME });
  const activity = card.getByTestId('community-activity');
  await expect(activity).toHaveText(NOTHING_NEW);

  // While Bob stays on the home screen, Alice adds an event and an item.
  await addEvent(pageA, EVENT);
  await postItem(pageA, 'Pompe à pied');
  await expectSynced(pageA);

  // A few minutes later the home has refreshed the community in the background, without
  // Bob opening it: what is new is part of the card's accessible name.
  await pageB.clock.fastForward('03:30');
  await expect(activity).toHaveText(
    'Depuis votre dernière visite : 1 nouvel évènement · 1 annonce',
  );
  await expect(activity).toHaveAttribute('data-new', 'true');
  await expect(
    pageB.getByRole('link', { name: /Vélo-école des Pentes.*1 nouvel évènement · 1 annonce/ }),
  ).toBeVisible();
  expect(new URL(pageB.url()).hash).toBe('#/');
  await shoot(pageB, 'fr-home-activity');
  await expectNoSeriousAxeViolation(pageB, 'home with activity');

  // Bob opens the community and says he will come to the event; back home, nothing is new.
  await card.click();
  await expect(pageB.getByTestId('community-title')).toHaveText(NAME);
  await openEvent(pageB);
  await pageB.getByTestId('rsvp-going').click();
  await expect(pageB.getByTestId('rsvp-state')).toHaveText('Confirmé·e');
  await expectSynced(pageB);
  await goHome(pageB);
  await expect(activity).toHaveText(NOTHING_NEW);
  await expect(activity).toHaveAttribute('data-new', 'false');

  // Alice cancels it: Bob's home says so at the next background refresh.
  await pageA.getByRole('link', { name: /^← Retour à/ }).click();
  await pageA.getByTestId('tab-link-events').click();
  await openEvent(pageA);
  await pageA.getByTestId('event-cancel').click();
  await expect(pageA.getByTestId('event-cancelled')).toBeVisible();
  await expectSynced(pageA);
  await pageB.clock.fastForward('03:30');
  await expect(activity).toHaveText(
    'Depuis votre dernière visite : « Atelier réparation » est annulé',
  );

  // In English too.
  await pageB.getByTestId('language-select').selectOption('en');
  await expect(activity).toHaveText('Since your last visit: “Atelier réparation” was cancelled');

  await alice.close();
  await bob.close();
});
