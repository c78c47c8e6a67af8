import type { Page } from '@playwright/test';
import { launchWithCamera, writeCameraFile } from './fakeCamera';
import {
  createCommunity,
  expect,
  expectSynced,
  joinCommunity,
  openAsMember,
  openPage,
  test,
} from './fixtures';

test('sponsorship: a member invites one newcomer, who joins sponsored by them; the link then is used up', async ({
  browser,
  relay,
}) => {
  const amina = await browser.newContext();
  const pageA = await openPage(amina, `${relay.url}/`);
  const communityLink = await createCommunity(pageA, {
    name: 'Entraide Croix-Rousse',
    founder: 'Amina',
  });
  const bruno = await browser.newContext();
  const pageB = await openAsMember(bruno, communityLink, 'Bruno');

  // Bruno, a member now, invites one person: the invite is his, so he sponsors her.
  await pageB.getByTestId('tab-link-members').click();
  await expect(pageB.getByTestId('member-item')).toHaveCount(2);
  await pageB.getByTestId('invite-kind-one').check();
  await pageB.getByTestId('invite-create').click();
  await expect(pageB.getByTestId('invite-item')).toHaveCount(1);
  const single = await pageB.getByTestId('invite-link').inputValue();
  expect(single).toContain('/#/join/');
  await expectSynced(pageB);

  const chloe = await browser.newContext();
  const pageC = await openAsMember(chloe, single, 'Chloé');
  await pageC.getByTestId('tab-link-members').click();
  const chloeCard = pageC.getByTestId('member-item').filter({ hasText: 'Chloé' });
  await expect(chloeCard.getByTestId('member-sponsor')).toHaveText('parrainé·e par Bruno');
  await expect(pageC.getByTestId('sponsor-tree')).toContainText('Amina');

  // Every device derives the same tree: Amina sees it too, without reloading.
  await pageA.getByTestId('tab-link-members').click();
  await expect(pageA.getByTestId('member-item')).toHaveCount(3);
  await expect(
    pageA.getByTestId('member-item').filter({ hasText: 'Chloé' }).getByTestId('member-sponsor'),
  ).toHaveText('parrainé·e par Bruno');
  await expect(pageB.getByTestId('invite-uses')).toHaveText('Utilisée 1 fois sur 1');

  // The single-use link, tried again by someone else: refused with its reason.
  const driss = await browser.newContext();
  const pageD = await openPage(driss, single);
  await expect(pageD.getByTestId('community-title')).toHaveText('Entraide Croix-Rousse');
  await pageD.getByTestId('join-name').fill('Driss');
  await pageD.getByTestId('join-submit').click();
  await expect(pageD.locator('#join-name-error')).toContainText(
    'Cette invitation a déjà servi : demandez-en une nouvelle.',
  );
  // Not a member: no invites to make.
  await pageD.getByTestId('tab-link-members').click();
  await expect(pageD.getByTestId('invite-create')).toHaveCount(0);

  // Amina makes Bruno an organizer; his role changes on his own screen.
  await pageA
    .getByTestId('member-item')
    .filter({ has: pageA.getByRole('heading', { name: 'Bruno', exact: true }) })
    .getByRole('button', { name: 'Nommer organisateur·rice' })
    .click();
  await expect(
    pageB
      .getByTestId('member-item')
      .filter({ has: pageB.getByRole('heading', { name: /^Bruno/ }) })
      .getByTestId('member-role'),
  ).toHaveText('Organisation');

  for (const context of [amina, bruno, chloe, driss]) await context.close();
});

test('a revoked invite admits no one', async ({ browser, relay }) => {
  const amina = await browser.newContext();
  const pageA = await openPage(amina, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Café des indépendants', founder: 'Amina' });
  await pageA.getByTestId('tab-link-members').click();
  await pageA.getByTestId('invite-kind-one').check();
  await pageA.getByTestId('invite-create').click();
  const invite = pageA.getByTestId('invite-item').filter({ hasText: 'sur 1' });
  const link = await invite.getByTestId('invite-link').inputValue();
  await invite.getByTestId('invite-revoke').click();
  await expect(pageA.getByTestId('invite-item').filter({ hasText: 'Annulée' })).toHaveCount(1);
  await expectSynced(pageA);

  const bruno = await browser.newContext();
  const pageB = await openPage(bruno, link);
  await expect(pageB.getByTestId('community-title')).toHaveText('Café des indépendants');
  await pageB.getByTestId('join-name').fill('Bruno');
  await pageB.getByTestId('join-submit').click();
  await expect(pageB.locator('#join-name-error')).toContainText(
    'Cette invitation a été annulée : demandez-en une nouvelle.',
  );
  // Another invite is needed: it can be scanned right there.
  await expect(
    pageB.getByTestId('join-panel').getByRole('button', { name: 'Rejoindre avec un code QR' }),
  ).toBeVisible();
  await amina.close();
  await bruno.close();
});

/** On the members tab: a new single-use invite, its QR code shown. */
async function showInviteQr(page: Page) {
  await page.getByTestId('tab-link-members').click();
  await page.getByTestId('invite-kind-one').check();
  await page.getByTestId('invite-create').click();
  const invite = page.getByTestId('invite-item').filter({ hasText: 'sur 1' });
  const link = await invite.getByTestId('invite-link').inputValue();
  await invite.getByTestId('invite-show-qr').click();
  const qr = invite.getByRole('img', { name: 'Code QR du lien d’invitation' });
  await expect(qr).toBeVisible();
  // The code holds the whole link (the secret stays in the fragment), at a size a phone
  // camera reads from another screen: 4 CSS px a module or more at 390 px wide.
  await expect(qr).toHaveAttribute('data-value', link);
  const modules = Number(await qr.getAttribute('data-modules'));
  const box = await qr.boundingBox();
  expect((box?.width ?? 0) / modules).toBeGreaterThanOrEqual(4);
  await expectSynced(page);
  return { invite, link, qr };
}

/** After reading the code: the community opens, the newcomer joins, sponsored by Amina. */
async function expectJoinedSponsoredByAmina(page: Page, name: string, community: string) {
  await expect(page.getByTestId('community-title')).toHaveText(community);
  // The invite's secret does not stay in the address bar.
  expect(page.url()).not.toContain('/join/');
  await joinCommunity(page, name);
  await page.getByTestId('tab-link-members').click();
  await expect(
    page.getByTestId('member-item').filter({ hasText: name }).getByTestId('member-sponsor'),
  ).toHaveText('parrainé·e par Amina');
}

test('a visitor joins with a photo of the invite QR code shown on a member’s screen', async ({
  browser,
  relay,
}) => {
  const amina = await browser.newContext();
  const pageA = await openPage(amina, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Fablab des Pentes', founder: 'Amina' });
  const { invite, link, qr } = await showInviteQr(pageA);
  const image = await qr.screenshot();

  // Bruno only has the community's address, without an invite: he can look, not join.
  // Amina shows him her invite's code; this browser has no camera, so he picks a photo
  // of it (a wrong picture first).
  const bruno = await browser.newContext();
  const pageB = await openPage(bruno, link.split('/').slice(0, -2).join('/'));
  const viewer = pageB.getByTestId('join-viewer');
  await expect(viewer).toContainText('sans en être membre');
  await viewer.getByRole('button', { name: 'Rejoindre avec un code QR' }).click();
  await expect(pageB.getByTestId('join-qr-reader')).toContainText('La caméra n’est pas disponible');
  const picker = pageB.getByTestId('join-qr-image');
  await picker.setInputFiles({
    name: 'ecran.png',
    mimeType: 'image/png',
    buffer: await pageB.screenshot(),
  });
  await expect(pageB.getByTestId('join-qr-error')).toHaveText(/^Aucun code QR trouvé/);
  await picker.setInputFiles({ name: 'invitation.png', mimeType: 'image/png', buffer: image });
  await expectJoinedSponsoredByAmina(pageB, 'Bruno', 'Fablab des Pentes');

  // On Amina's screen: her invite was used, and Bruno is hers to answer for.
  await expect(invite.getByTestId('invite-uses')).toHaveText('Utilisée 1 fois sur 1');
  await expect(
    pageA.getByTestId('member-item').filter({ hasText: 'Bruno' }).getByTestId('member-sponsor'),
  ).toHaveText('parrainé·e par Amina');
  await amina.close();
  await bruno.close();
});

test('a newcomer joins by pointing the phone’s camera at the invite QR code', async ({
  browser,
  relay,
  launchOptions,
}) => {
  const amina = await browser.newContext();
  const pageA = await openPage(amina, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Repair café de Vaise', founder: 'Amina' });
  const { invite, qr } = await showInviteQr(pageA);
  // Chloé's camera films Amina's screen.
  const video = test.info().outputPath('camera.y4m');
  await writeCameraFile(qr, video);
  const withCamera = await launchWithCamera(launchOptions, video);
  try {
    const chloe = await withCamera.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    const pageC = await openPage(chloe, `${relay.url}/`);
    await pageC.getByRole('button', { name: 'Rejoindre avec un code QR' }).click();
    await expectJoinedSponsoredByAmina(pageC, 'Chloé', 'Repair café de Vaise');
    await expect(invite.getByTestId('invite-uses')).toHaveText('Utilisée 1 fois sur 1');
    // The camera is off once the code is read.
    expect(await pageC.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  } finally {
    await withCamera.close();
    await amina.close();
  }
});
