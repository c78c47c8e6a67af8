import {
  addEvent,
  createCommunity,
  expect,
  expectSynced,
  test,
  waitForServiceWorkerControl,
} from './fixtures';

test('two tabs of one browser stay in step while offline (BroadcastChannel)', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`${relay.url}/`);
  await createCommunity(first, { name: 'Café des indépendants' });
  await expectSynced(first);
  // The app's code (screens load on demand) comes from the service worker once offline.
  await waitForServiceWorkerControl(first);
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByTestId('community-title')).toHaveText('Café des indépendants');

  // No network at all: the tabs still reach each other, without the relay.
  await context.setOffline(true);
  await expect(first.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await addEvent(first, 'Petit-déjeuner du lundi');
  await expect(
    second.getByTestId('event-item').filter({ hasText: 'Petit-déjeuner du lundi' }),
  ).toBeVisible();
  await context.close();
});
