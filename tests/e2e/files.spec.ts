import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  addEvent,
  createCommunity,
  expect,
  joinCommunity,
  openPage,
  test,
  waitForServiceWorkerControl,
} from './fixtures';

/** Clicks "Export (file)" and saves the downloaded bundle under the test's output dir. */
async function exportFile(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-file').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ensemble$/);
  const path = test.info().outputPath(name);
  await download.saveAs(path);
  return path;
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles(path);
}

const events = (page: Page) => page.getByTestId('event-item');

test('two devices that never reach each other through a relay converge by exchanging files', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Atelier vélo' });
  await addEvent(pageA, 'Chez Alice');
  await waitForServiceWorkerControl(pageA);
  await alice.setOffline(true);

  const bob = await browser.newContext();
  const pageB = await openPage(bob, `${relay.url}/`);
  await waitForServiceWorkerControl(pageB);
  await bob.setOffline(true);

  // Alice -> Bob: the file opens the community on Bob's home screen.
  const fromAlice = await exportFile(pageA, 'alice.ensemble');
  await importFile(pageB, fromAlice);
  await expect(pageB.getByTestId('import-result')).toContainText('Importé :');
  await expect(pageB.getByTestId('community-item')).toHaveText(/Atelier vélo/);
  await pageB.getByTestId('open-imported').click();
  await expect(pageB.getByTestId('community-title')).toHaveText('Atelier vélo');
  await expect(events(pageB).filter({ hasText: 'Chez Alice' })).toBeVisible();
  // No capability travels in a file: this device is told it cannot sync with the relay,
  // and a file makes no one a member: Bob only views the community.
  await expect(pageB.getByTestId('relay-refused')).toBeVisible();
  await expect(pageB.getByTestId('share-link')).toHaveCount(0);
  await expect(pageB.getByTestId('join-viewer')).toBeVisible();

  // Alice's invite link (sent by message) lets Bob join, still with no network: the file
  // brought the invite's verifier, the link its secret.
  await pageB.goto(link);
  await joinCommunity(pageB, 'Bob');
  await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');

  // Bob -> Alice, into the community page.
  await addEvent(pageB, 'Chez Bob', '2030-07-01');
  const fromBob = await exportFile(pageB, 'bob.ensemble');
  await importFile(pageA, fromBob);
  await expect(pageA.getByTestId('import-result')).toHaveText(/^Importé : \d+ changements?$/);
  for (const page of [pageA, pageB]) {
    await expect(events(page)).toHaveCount(2);
    await expect(events(page).filter({ hasText: 'Chez Alice' })).toBeVisible();
    await expect(events(page).filter({ hasText: 'Chez Bob' })).toBeVisible();
  }

  // The same file again: nothing new.
  await importFile(pageA, fromBob);
  await expect(pageA.getByTestId('import-result')).toHaveText('Rien de nouveau dans ce fichier');

  // A corrupted copy (a few bytes flipped in the middle) is refused and changes nothing.
  await addEvent(pageB, 'Pas transmis', '2030-08-01');
  const intact = readFileSync(await exportFile(pageB, 'bob2.ensemble'));
  const damaged = Buffer.from(intact);
  const middle = Math.floor(damaged.length / 2);
  for (let i = middle; i < middle + 4; i++) damaged[i] = (damaged[i] ?? 0) ^ 0xff;
  const damagedPath = test.info().outputPath('damaged.ensemble');
  writeFileSync(damagedPath, damaged);
  await importFile(pageA, damagedPath);
  await expect(pageA.getByTestId('import-result')).toHaveText(
    'Ce fichier est endommagé. Rien n’a été importé : demandez-le à nouveau.',
  );
  await expect(events(pageA)).toHaveCount(2);
  await expect(events(pageA).filter({ hasText: 'Pas transmis' })).toHaveCount(0);

  // A cut copy says it is incomplete; a file for another community is refused on this page.
  const cutPath = test.info().outputPath('cut.ensemble');
  writeFileSync(cutPath, intact.subarray(0, intact.length - 10));
  await importFile(pageA, cutPath);
  await expect(pageA.getByTestId('import-result')).toContainText('incomplet');
  await expect(events(pageA)).toHaveCount(2);

  await alice.close();
  await bob.close();
});

test('a file for another community is refused on a community page', async ({ browser, relay }) => {
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  await createCommunity(page, { name: 'Jardin partagé' });
  await addEvent(page, 'Semis');
  const jardin = await exportFile(page, 'jardin.ensemble');
  await page.goto(`${relay.url}/`);
  await createCommunity(page, { name: 'Café des langues' });
  await importFile(page, jardin);
  await expect(page.getByTestId('import-result')).toContainText('autre communauté');
  await expect(events(page)).toHaveCount(0);
  await context.close();
});
