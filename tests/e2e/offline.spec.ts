import {
  addEvent,
  createCommunity,
  expect,
  expectSynced,
  openAsMember,
  openPage,
  test,
  waitForServiceWorkerControl,
} from './fixtures';

test('after a first visit the app and its data load offline, and offline edits reach others', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Atelier vélo' });
  await addEvent(pageA, 'Réparation collective');
  await expectSynced(pageA);
  await waitForServiceWorkerControl(pageA);

  await alice.setOffline(true);
  await pageA.goto(link);
  await pageA.reload();
  // The shell comes from the service worker cache, the data from IndexedDB.
  await expect(pageA.getByTestId('community-title')).toHaveText('Atelier vélo');
  await expect(
    pageA.getByTestId('event-item').filter({ hasText: 'Réparation collective' }),
  ).toBeVisible();
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  // When the relay last had everything, remembered across the reload.
  await expect(pageA.getByTestId('sync-last')).toBeVisible();
  await expect(pageA.getByTestId('sync-pending')).toHaveCount(0);

  await addEvent(pageA, 'Bourse aux pièces', '2030-09-20');
  // The badge counts what waits to be sent.
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-pending', /^[1-9]\d*$/);
  await expect(pageA.getByTestId('sync-pending')).toContainText('en attente');
  // Still counted after a reload: the change waits in IndexedDB until the next sync.
  const waiting = await pageA.getByTestId('sync-status').getAttribute('data-pending');
  await pageA.reload();
  await expect(
    pageA.getByTestId('event-item').filter({ hasText: 'Bourse aux pièces' }),
  ).toBeVisible();
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-pending', waiting ?? '-');
  await expect(pageA.getByTestId('sync-pending')).toContainText('en attente');
  // Parts loaded on demand come from the cache too: the event page, the English texts.
  await pageA.getByTestId('event-link').first().click();
  await expect(pageA.getByTestId('event-title-heading')).toBeVisible();
  await pageA.getByTestId('language-select').selectOption('en');
  await expect(pageA.locator('html')).toHaveAttribute('lang', 'en');
  await expect(pageA.getByRole('button', { name: 'Skip to content' })).toBeAttached();

  const bob = await browser.newContext();
  const pageB = await openAsMember(bob, link, 'Bob');
  await expect(
    pageB.getByTestId('event-item').filter({ hasText: 'Réparation collective' }),
  ).toBeVisible();
  await expect(
    pageB.getByTestId('event-item').filter({ hasText: 'Bourse aux pièces' }),
  ).toHaveCount(0);

  await alice.setOffline(false);
  await expectSynced(pageA);
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
  await expect(pageA.getByTestId('sync-last')).toHaveCount(0);
  await expect(
    pageB.getByTestId('event-item').filter({ hasText: 'Bourse aux pièces' }),
  ).toBeVisible();
  await alice.close();
  await bob.close();
});
