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
import { p2pLaunchOptions } from './p2pBrowser';

test.use({ launchOptions: p2pLaunchOptions });

const events = (page: import('@playwright/test').Page) => page.getByTestId('event-item');

test('devices introduced by the relay keep syncing directly (WebRTC) once it is gone', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Fablab du quartier' });
  await addEvent(pageA, 'Atelier soudure');
  await expectSynced(pageA);
  await waitForServiceWorkerControl(pageA);

  const pageB = await openAsMember(bob, link, 'Bob');
  await expect(events(pageB).filter({ hasText: 'Atelier soudure' })).toBeVisible();
  await expectSynced(pageB);
  await waitForServiceWorkerControl(pageB);
  await addEvent(pageB, 'Repair café', '2030-07-03');
  await expect(events(pageA).filter({ hasText: 'Repair café' })).toBeVisible();

  // The relay's signaling introduced them: each badge counts one device reached directly.
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1');
  }

  await relay.stop();
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-state', 'synced');
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1');
  }

  // Both ways, with no relay: only the peer connection can carry these.
  await addEvent(pageA, 'Sans relais, de Alice', '2030-08-01');
  await expect(events(pageB).filter({ hasText: 'Sans relais, de Alice' })).toBeVisible();
  await addEvent(pageB, 'Sans relais, de Bob', '2030-08-02');
  await expect(events(pageA).filter({ hasText: 'Sans relais, de Bob' })).toBeVisible();
  await expect(events(pageA)).toHaveCount(4);
  await expect(events(pageB)).toHaveCount(4);

  await alice.close();
  await bob.close();
});
