import {
  addEvent,
  createCommunity,
  expect,
  expectSynced,
  openAsMember,
  openPage,
  test,
} from './fixtures';

test("two devices see each other's events live, without reloading", async ({ browser, relay }) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Apéros de la Croix-Rousse' });
  await addEvent(pageA, 'Apéro de juin');
  await expectSynced(pageA);

  const pageB = await openAsMember(bob, link, 'Bob');
  await expect(pageB.getByTestId('community-title')).toHaveText('Apéros de la Croix-Rousse');
  await expect(pageB.getByTestId('event-item').filter({ hasText: 'Apéro de juin' })).toBeVisible();
  await expectSynced(pageB);

  await addEvent(pageB, 'Pique-nique de juillet', '2030-07-03');
  // Alice's page was never reloaded: the event arrives through the relay.
  await expect(
    pageA.getByTestId('event-item').filter({ hasText: 'Pique-nique de juillet' }),
  ).toBeVisible();
  await expect(pageA.getByTestId('event-item')).toHaveCount(2);
  await expect(pageB.getByTestId('event-item')).toHaveCount(2);

  // Bob's home screen lists the community he opened by link.
  await pageB.goto(`${relay.url}/#/`);
  await expect(
    pageB.getByTestId('community-item').filter({ hasText: 'Apéros de la Croix-Rousse' }),
  ).toBeVisible();
  await alice.close();
  await bob.close();
});
