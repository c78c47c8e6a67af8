import type { Locator, Page } from '@playwright/test';
import {
  addEvent,
  createCommunity,
  expect,
  joinCommunity,
  openPage,
  test,
  waitForServiceWorkerControl,
} from './fixtures';
import { p2pLaunchOptions } from './p2pBrowser';

test.use({ launchOptions: p2pLaunchOptions });

const events = (page: Page) => page.getByTestId('event-item');

/** Screenshots of the QR codes a page shows: what another device's camera would see. */
async function qrImages(
  codes: Locator,
): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
  const count = await codes.count();
  expect(count).toBeGreaterThan(0);
  const images = [];
  for (let i = 0; i < count; i++) {
    images.push({
      name: `qr-${i + 1}.png`,
      mimeType: 'image/png',
      buffer: await codes.nth(i).screenshot(),
    });
  }
  return images;
}

test('two devices pair by QR codes with no relay at all, then sync both ways', async ({
  browser,
  relay,
}) => {
  // Alice's community reaches Bob by file, and he joins with her invite link while offline:
  // he never reaches the relay (stopped before they pair), so only the pairing can carry
  // what follows.
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Jardin des Pentes' });
  await addEvent(pageA, 'Chez Alice');
  await waitForServiceWorkerControl(pageA);
  const [download] = await Promise.all([
    pageA.waitForEvent('download'),
    pageA.getByTestId('export-file').click(),
  ]);
  const file = test.info().outputPath('jardin.ensemble');
  await download.saveAs(file);

  const bob = await browser.newContext();
  const pageB = await openPage(bob, `${relay.url}/`);
  await waitForServiceWorkerControl(pageB);
  await pageB.getByTestId('import-file').setInputFiles(file);
  await pageB.getByTestId('open-imported').click();
  await expect(events(pageB).filter({ hasText: 'Chez Alice' })).toBeVisible();
  await bob.setOffline(true);
  await pageB.goto(link);
  await joinCommunity(pageB, 'Bob');
  await addEvent(pageB, 'Chez Bob', '2030-07-01');

  for (const page of [pageA, pageB]) {
    await page.getByTestId('pair-link').click();
    await expect(page.getByTestId('pair-show-code')).toBeEnabled();
  }
  await expect(pageB.getByTestId('sync-paths-import')).not.toHaveText('aucun');
  await expect(pageA.getByTestId('sync-paths-import')).toHaveText('aucun');
  await relay.stop();
  await bob.setOffline(false);

  // Alice shows an offer; Bob reads its QR images (decoded by the app, jsQR).
  await pageA.getByTestId('pair-show-code').click();
  const offerCodes = pageA.getByTestId('pair-offer-qr');
  await expect(offerCodes.first()).toBeVisible();
  await pageB.getByTestId('pair-read-code').click();

  // A damaged code is refused with a clear message, and reading goes on.
  await pageB.getByTestId('pair-offer-reader-paste').fill('ENS1:1/1:abc:Zm9vYmFy');
  await pageB.getByRole('button', { name: 'Valider le texte' }).click();
  await expect(pageB.getByTestId('pair-error')).toHaveText(
    'Ce code est incomplet ou abîmé. Lisez-le à nouveau.',
  );

  await pageB.getByTestId('pair-offer-reader-image').setInputFiles(await qrImages(offerCodes));
  const answerCodes = pageB.getByTestId('pair-answer-qr');
  await expect(answerCodes.first()).toBeVisible();
  await pageA.getByTestId('pair-answer-reader-image').setInputFiles(await qrImages(answerCodes));

  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('pair-status')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('sync-paths-peers')).toHaveText('1');
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1');
  }

  // Bob's event, made after the file, reaches Alice over the paired connection; and back.
  await pageA.getByRole('link', { name: 'Retour à la communauté' }).click();
  await pageB.getByRole('link', { name: 'Retour à la communauté' }).click();
  await expect(events(pageA).filter({ hasText: 'Chez Bob' })).toBeVisible();
  await addEvent(pageA, 'Après l’appairage', '2030-09-01');
  await expect(events(pageB).filter({ hasText: 'Après l’appairage' })).toBeVisible();
  await expect(events(pageA)).toHaveCount(3);
  await expect(events(pageB)).toHaveCount(3);

  await alice.close();
  await bob.close();
});
