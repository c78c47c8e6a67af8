import { addEvent, createCommunity, expect, openAsMember, openPage, test } from './fixtures';

test('a relay killed with SIGKILL restarts with every event it had passed on', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Jardin partagé' });
  const pageB = await openAsMember(bob, link, 'Bob');
  await expect(pageB.getByTestId('community-title')).toHaveText('Jardin partagé');

  const titles = ['Semis de printemps', 'Arrosage collectif', 'Fête des récoltes'];
  for (const [index, title] of titles.entries()) {
    await addEvent(pageA, title, `2030-0${index + 4}-10`);
  }
  // The relay writes before it broadcasts: once Bob has them, the relay has them on disk.
  await expect(pageB.getByTestId('event-item')).toHaveCount(titles.length);

  await relay.kill('SIGKILL');
  // Online, but no relay: said as such (not "offline"), after a few attempts with backoff.
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'unreachable', {
    timeout: 30_000,
  });
  await expect(pageA.getByTestId('sync-status')).toContainText('Relais injoignable');
  // Nobody who holds the data stays connected: only the relay's disk can supply it.
  await alice.close();
  await bob.close();
  await relay.restart();

  const carol = await browser.newContext();
  const pageC = await openPage(carol, link);
  await expect(pageC.getByTestId('community-title')).toHaveText('Jardin partagé');
  await expect(pageC.getByTestId('event-item')).toHaveCount(titles.length);
  for (const title of titles) {
    await expect(pageC.getByTestId('event-item').filter({ hasText: title })).toBeVisible();
  }
  await carol.close();
});
