import { createCommunity, expect, expectSynced, openPage, test } from './fixtures';

test('a stranger who guesses a community id gets nothing from the relay', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Entraide du quartier' });
  await expectSynced(pageA);
  const communityId = /#\/join\/([^/]+)\//.exec(link)?.[1];
  expect(communityId).toBeTruthy();

  const stranger = await browser.newContext();
  const pageS = await openPage(stranger, `${relay.url}/#/c/${communityId}`);
  await expect(pageS.getByTestId('relay-refused')).toBeVisible();
  await expect(pageS.getByTestId('community-title')).toHaveCount(0);
  await expect(pageS.getByText('Entraide du quartier')).toHaveCount(0);

  // Even presenting a made-up capability to the relay yields a refusal and no data.
  const forged = `${relay.url}/#/join/${communityId}/${'A'.repeat(43)}`;
  await pageS.goto(forged);
  await expect(pageS.getByTestId('relay-refused')).toBeVisible();
  await expect(pageS.getByText('Entraide du quartier')).toHaveCount(0);

  // The invite link itself works, and the secret does not stay in the address bar.
  const friend = await browser.newContext();
  const pageF = await openPage(friend, link);
  await expect(pageF.getByTestId('community-title')).toHaveText('Entraide du quartier');
  expect(pageF.url()).not.toContain('/join/');
  await alice.close();
  await stranger.close();
  await friend.close();
});
