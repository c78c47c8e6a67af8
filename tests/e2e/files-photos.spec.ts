import type { Page } from '@playwright/test';
import { createCommunity, expect, openPage, test, waitForServiceWorkerControl } from './fixtures';
import { photoWithGps } from './photoFiles';

const ITEM = 'Projecteur à prêter';

async function openItem(page: Page): Promise<void> {
  await page.getByTestId('tab-link-items').click();
  await page.getByTestId('item-link').filter({ hasText: ITEM }).click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(ITEM);
}

test('[BND10][BND12] a file exported with its photos shows them on a device that never reached the relay', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  await createCommunity(pageA, { name: 'Entraide du quartier' });
  const home = pageA.url();
  await pageA.getByTestId('tab-link-items').click();
  await pageA.getByTestId('item-new').click();
  await pageA.getByTestId('item-kind-lend').check();
  await pageA.getByTestId('item-title').fill(ITEM);
  await pageA.getByTestId('item-submit').click();
  await expect(pageA.getByTestId('item-title-heading')).toHaveText(ITEM);
  const photo = await photoWithGps(pageA);
  await pageA.getByTestId('attachment-input').setInputFiles({
    name: 'projecteur.jpg',
    mimeType: 'image/jpeg',
    buffer: photo,
  });
  await expect(pageA.getByTestId('attachment-image')).toBeVisible();

  // Off by default, with the size it adds.
  await pageA.goto(home);
  const withBlobs = pageA.getByTestId('export-with-blobs');
  await expect(withBlobs).not.toBeChecked();
  await expect(withBlobs).toHaveAccessibleName(
    /^Inclure les photos et fichiers \(\d+([,.]\d)?\s[kM]o\)$/,
  );
  await withBlobs.check();
  const [download] = await Promise.all([
    pageA.waitForEvent('download'),
    pageA.getByTestId('export-file').click(),
  ]);
  const path = test.info().outputPath('with-photos.ensemble');
  await download.saveAs(path);

  // Bob's device is offline from the start: the photo can only come from the file.
  const bob = await browser.newContext();
  const pageB = await openPage(bob, `${relay.url}/`);
  await waitForServiceWorkerControl(pageB);
  await bob.setOffline(true);
  await bob.route('**/blobs/**', (route) => route.fulfill({ status: 404, body: '{}' }));
  await pageB.getByTestId('import-file').setInputFiles(path);
  await expect(pageB.getByTestId('import-result')).toContainText('Importé :');
  await pageB.getByTestId('open-imported').click();
  await openItem(pageB);
  const image = pageB.getByTestId('attachment-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
  await expect(pageB.getByTestId('attachment-placeholder')).toHaveCount(0);

  await alice.close();
  await bob.close();
});
