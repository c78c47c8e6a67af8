import type { Page } from '@playwright/test';
import { createCommunity, expect, expectSynced, openAsMember, openPage, test } from './fixtures';
import { p2pLaunchOptions } from './p2pBrowser';

// Presence: who is here now, on a community's page and on a project, over the relay and
// over direct (WebRTC) links; a person who leaves is gone at once, not 30 s later.

test.use({ launchOptions: p2pLaunchOptions });

const people = (page: Page) => page.getByTestId('community-presence-person');

test('community page: each member sees the other here now, and sees them go', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Jardin partagé', founder: 'Alice' });
  // Alone: only me, marked as such.
  await expect(people(pageA)).toHaveCount(1);
  await expect(people(pageA).first()).toHaveText(/Alice \(vous\)/);
  await expect(pageA.getByTestId('community-presence')).toContainText('Personne d’autre');

  const pageB = await openAsMember(bob, link, 'Bob');
  await expectSynced(pageB);
  for (const [page, me, other] of [
    [pageA, 'Alice', 'Bob'],
    [pageB, 'Bob', 'Alice'],
  ] as const) {
    await expect(people(page)).toHaveCount(2);
    await expect(page.getByTestId('community-presence')).toHaveAttribute('data-count', '2');
    await expect(people(page).first()).toHaveText(new RegExp(`${me} \\(vous\\)`));
    await expect(people(page).nth(1)).toHaveText(new RegExp(`^.${other}$`));
    // One entry per person: the second path (direct link) does not count anyone twice.
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-peers', '1');
    await expect(people(page)).toHaveCount(2);
  }
  await expect(pageA.getByRole('heading', { name: /Ici en ce moment · 2 en ligne/ })).toBeVisible();

  // Bob closes the app: Alice sees him go well before the 30 s awareness timeout.
  await bob.close();
  await expect(people(pageA)).toHaveCount(1, { timeout: 10_000 });
  await expect(pageA.getByTestId('community-presence')).toContainText('Personne d’autre');
  await alice.close();
});

test('project: presence and cursors flow over the direct link once the relay is gone', async ({
  browser,
  relay,
}) => {
  test.setTimeout(90_000);
  const alice = await browser.newContext();
  const bob = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Atelier vélo', founder: 'Alice' });
  await pageA.getByTestId('tab-link-projects').click();
  await pageA.getByTestId('project-new').click();
  await pageA.getByTestId('project-title-input').fill('Remorque');
  await pageA.getByTestId('project-summary-input').fill('Une remorque pour les courses');
  await pageA.getByTestId('project-create-submit').click();
  await expect(pageA.getByTestId('project-title')).toHaveText('Remorque');
  const projectUrl = pageA.url().replace(/^.*#/, `${relay.url}/#`);

  const pageB = await openAsMember(bob, link, 'Bob');
  await expectSynced(pageB);
  await pageB.goto(projectUrl);
  await expect(pageB.getByTestId('project-title')).toHaveText('Remorque');
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('presence-person')).toHaveCount(2);
    // The project's own document is synced directly too.
    await expect(page.getByTestId('project-sync')).toHaveAttribute('data-peers', '1');
  }

  await relay.stop();
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('project-sync')).not.toHaveAttribute('data-state', 'synced');
  }
  // Still both here: the direct link carries the awareness (the relay's departure dropped
  // every state it had delivered; those still reached directly are kept).
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('presence-person')).toHaveCount(2);
    await expect(page.getByTestId('presence')).toContainText('Alice');
    await expect(page.getByTestId('presence')).toContainText('Bob');
  }
  // Bob types in the notes: Alice sees his text and his named cursor, with no relay.
  const editorB = pageB.getByTestId('notes-editor');
  await editorB.click();
  await pageB.keyboard.type('Sans relais : roues de 20 pouces.');
  await expect(pageA.getByTestId('notes-editor')).toContainText('roues de 20 pouces');
  await expect(pageA.locator('.collaboration-carets__label', { hasText: 'Bob' })).toHaveCount(1);
  // No cursor of one's own, and no one twice; both still listed, long after the relay left.
  await expect(pageB.locator('.collaboration-carets__label', { hasText: 'Bob' })).toHaveCount(0);
  for (const page of [pageA, pageB]) {
    await expect(page.getByTestId('presence-person')).toHaveCount(2);
  }

  // Bob leaves: the direct link closes, Alice sees him and his cursor go at once.
  await bob.close();
  await expect(pageA.getByTestId('presence-person')).toHaveCount(1, { timeout: 10_000 });
  await expect(pageA.locator('.collaboration-carets__label')).toHaveCount(0);
  await alice.close();
});
