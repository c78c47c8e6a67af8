import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { createCommunity, expect, expectSynced, openAsMember, openPage, test } from './fixtures';
import { EXIF_HEADER, photoWithGps, storedBlobs } from './photoFiles';

const ITEM = 'Vélo cargo à prêter';

async function postItem(page: Page): Promise<void> {
  await page.getByTestId('tab-link-items').click();
  await page.getByTestId('item-new').click();
  await page.getByTestId('item-kind-lend').check();
  await page.getByTestId('item-title').fill(ITEM);
  await page.getByTestId('item-submit').click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(ITEM);
}

async function openItem(page: Page): Promise<void> {
  await page.getByTestId('tab-link-items').click();
  await page.getByTestId('item-link').filter({ hasText: ITEM }).click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(ITEM);
}

/** Resolves once the photo is decoded and painted (a broken image has no natural width). */
async function expectPhotoShown(page: Page): Promise<void> {
  const image = page.getByTestId('attachment-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
}

test('[ATT6] a photo added offline shows at once, without its GPS position, and reaches another device after reconnecting', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bruno = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Atelier vélo de la Croix-Rousse' });
  await postItem(pageA);
  await expectSynced(pageA);
  const pageB = await openAsMember(bruno, link, 'Bruno');
  await openItem(pageB);
  // Bruno's device cannot reach the relay's blobs for now: a placeholder, never a broken page.
  await bruno.route('**/blobs/**', (route) => route.fulfill({ status: 404, body: '{}' }));

  const photo = await photoWithGps(pageA);
  expect(photo.includes(EXIF_HEADER)).toBe(true);
  await alice.setOffline(true);
  await pageA.getByTestId('attachment-input').setInputFiles({
    name: 'IMG_2041.jpg',
    mimeType: 'image/jpeg',
    buffer: photo,
  });
  // Shown at once from the device, resized (1600 px), waiting to be sent.
  await expectPhotoShown(pageA);
  await expect(pageA.getByRole('img', { name: 'Photo : IMG_2041.jpg' })).toBeVisible();
  await expect(pageA.getByTestId('attachment-waiting')).toHaveText(
    'Pas encore envoyé : partira dès que le relais sera joignable.',
  );
  // [ATT5] Re-encoded on the device: no EXIF block (so no GPS position) in what is kept and sent.
  const stored = await storedBlobs(pageA);
  expect(stored).toHaveLength(1);
  expect(stored[0]?.includes(EXIF_HEADER)).toBe(false);
  expect(stored[0]?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  await expectNoSeriousAxeViolation(pageA, 'item with a photo (offline)');

  await alice.setOffline(false);
  await expect(pageA.getByTestId('attachment-waiting')).toHaveCount(0);
  await expectSynced(pageA);
  // Bruno gets the reference; the bytes are not reachable yet: a placeholder keeps the place.
  await expect(pageB.getByTestId('attachment-placeholder')).toContainText(
    'Photo pas encore arrivée sur cet appareil',
  );
  await bruno.unroute('**/blobs/**');
  await expectPhotoShown(pageB);
  await expect(pageB.getByRole('img', { name: 'Photo : IMG_2041.jpg' })).toBeVisible();
  // Bruno's copy is the same re-encoded photo, without the position either.
  const received = await storedBlobs(pageB);
  expect(received).toHaveLength(1);
  expect(received[0]?.equals(stored[0] ?? Buffer.alloc(0))).toBe(true);

  await alice.close();
  await bruno.close();
});

test('[ATT4] wrong-type, corrupted and oversized files are refused with a clear message; a comment carries a file', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  await createCommunity(page, { name: 'Café des indépendants' });
  await postItem(page);
  const input = page.getByTestId('attachment-input');
  const error = page.getByTestId('attachment-error');

  await input.setInputFiles({
    name: 'installateur.exe',
    mimeType: 'application/x-msdownload',
    buffer: Buffer.from('MZ\u0090\u0000'),
  });
  await expect(error).toContainText('Ce type de fichier n’est pas accepté.');
  await expect(input).toHaveAttribute('aria-describedby', /error/);

  await input.setInputFiles({
    name: 'photo-abimee.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('ceci n’est pas une image'),
  });
  await expect(error).toHaveText(
    'Cette image est illisible : le fichier est sans doute endommagé.',
  );

  await input.setInputFiles({
    name: 'catalogue.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(8 * 1024 * 1024 + 1, 0x25),
  });
  await expect(error).toContainText('Ce fichier est trop volumineux');
  // Nothing was added by any of them.
  await expect(page.getByTestId('attachment')).toHaveCount(0);
  expect(await storedBlobs(page)).toHaveLength(0);

  // A comment of mine takes a document; it is sent to the relay.
  await page.getByTestId('comment-input').fill('Le plan de l’atelier :');
  await page.getByTestId('comment-submit').click();
  const comment = page.getByTestId('comment-item').filter({ hasText: 'Le plan de l’atelier' });
  await comment.getByTestId('attachment-input').setInputFiles({
    name: 'plan.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% plan\n'),
  });
  await expect(comment.getByTestId('attachment-file')).toHaveText('Ouvrir plan.pdf');
  await expect(comment.getByTestId('attachment-waiting')).toHaveCount(0);
  await context.close();
});
