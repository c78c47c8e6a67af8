import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { createCommunity, expect, expectSynced, openAsMember, openPage, test } from './fixtures';

/** Screenshots of the discussion screens at 390x844, for people to look at. */
const dir = resolve(import.meta.dirname, '../../test-results/screens');

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const SUBJECT = 'Vide-grenier de dimanche';

async function openDiscussions(page: Page): Promise<void> {
  await page.getByTestId('tab-link-discussions').click();
  await expect(page.getByRole('heading', { name: 'Discussions', level: 2 })).toBeVisible();
}

/** Posts a reply, giving a name first when asked (the first message from a device). */
async function reply(page: Page, text: string, name?: string): Promise<void> {
  await page.getByTestId('reply-input').fill(text);
  await page.getByTestId('reply-submit').click();
  if (name) {
    await page.getByTestId('display-name-input').fill(name);
    await page.getByTestId('display-name-save').click();
  }
}

const postTexts = (page: Page) => page.getByTestId('post-item').locator('.comment-text');

test('a thread with replies from two people, offline replies merged in one order, edit, delete, archive', async ({
  browser,
  relay,
}) => {
  const alice = await browser.newContext();
  const bruno = await browser.newContext();
  const pageA = await openPage(alice, `${relay.url}/`);
  const link = await createCommunity(pageA, { name: 'Voisins de la rue Burdeau' });
  await openDiscussions(pageA);
  await expect(pageA.getByTestId('threads-empty')).toBeVisible();

  // Alice starts a thread (her name is known since she founded the community): a subject
  // is required.
  await pageA.getByTestId('thread-new').click();
  await pageA.getByTestId('thread-text-input').fill('Qui tient le stand avec moi ?');
  await expect(pageA.getByTestId('display-name-input')).toHaveCount(0);
  await pageA.getByTestId('thread-submit').click();
  await expect(pageA.locator('#thread-title-error')).toHaveText(/Ce champ est obligatoire/);
  await expect(pageA.getByTestId('thread-text-input')).toHaveValue('Qui tient le stand avec moi ?');
  await expectNoSeriousAxeViolation(pageA, 'new thread (validation error)');
  await pageA.getByTestId('thread-title-input').fill(SUBJECT);
  await pageA.getByTestId('thread-submit').click();
  await expect(pageA.getByTestId('thread-title-heading')).toHaveText(SUBJECT);
  await expect(postTexts(pageA)).toHaveText(['Qui tient le stand avec moi ?']);
  await expectSynced(pageA);

  // Bruno joins with the link, sees the thread in the list and replies.
  const pageB = await openAsMember(bruno, link, 'Bruno');
  await expect(pageB.getByTestId('community-title')).toHaveText('Voisins de la rue Burdeau');
  await openDiscussions(pageB);
  await expect(pageB.getByTestId('thread-card')).toHaveCount(1);
  await expect(pageB.getByTestId('thread-replies')).toHaveText('Pas encore de réponse');
  await pageB.getByTestId('thread-link').click();
  await expect(pageB.getByTestId('thread-title-heading')).toHaveText(SUBJECT);
  await reply(pageB, 'Moi, à partir de 10 h.');
  await expect(postTexts(pageB)).toHaveText([
    'Qui tient le stand avec moi ?',
    'Moi, à partir de 10 h.',
  ]);
  await expect(postTexts(pageA)).toHaveText([
    'Qui tient le stand avec moi ?',
    'Moi, à partir de 10 h.',
  ]);
  await expectSynced(pageB);

  // Both reply while offline: each sees only its own, then both see the same order.
  await alice.setOffline(true);
  await bruno.setOffline(true);
  await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
  await reply(pageA, 'Parfait, j’apporte les tréteaux.');
  await reply(pageB, 'Je prends la caisse.');
  await expect(postTexts(pageA)).toHaveCount(3);
  await expect(postTexts(pageB)).toHaveCount(3);
  await alice.setOffline(false);
  await bruno.setOffline(false);
  await expectSynced(pageA);
  await expectSynced(pageB);
  await expect(postTexts(pageA)).toHaveCount(4);
  await expect(postTexts(pageB)).toHaveCount(4);
  expect(await postTexts(pageA).allTextContents()).toEqual(
    await postTexts(pageB).allTextContents(),
  );

  // Bruno edits his first reply, then deletes his second: the placeholder keeps its place.
  const mine = pageB.getByTestId('post-item').filter({ hasText: 'Moi, à partir de 10 h.' });
  await mine.getByTestId('post-edit').click();
  await pageB.getByTestId('post-edit-input').fill('Moi, à partir de 9 h 30.');
  await pageB.getByTestId('post-save').click();
  const edited = pageA.getByTestId('post-item').filter({ hasText: 'Moi, à partir de 9 h 30.' });
  await expect(edited).toContainText('modifié');
  await pageB
    .getByTestId('post-item')
    .filter({ hasText: 'Je prends la caisse.' })
    .getByTestId('post-delete')
    .click();
  await expect(pageA.getByTestId('post-item').filter({ hasText: 'message supprimé' })).toHaveCount(
    1,
  );
  await expect(postTexts(pageA)).toHaveCount(4);
  await expect(pageA.getByText('Je prends la caisse.')).toHaveCount(0);
  // Alice cannot edit or delete Bruno's posts.
  await expect(edited.getByTestId('post-edit')).toHaveCount(0);
  await shoot(pageA, 'fr-thread');
  await expectNoSeriousAxeViolation(pageA, 'thread page');

  // The list shows the replies and the last activity.
  await pageB.getByRole('link', { name: /^← Retour à/ }).click();
  await expect(pageB.getByTestId('thread-replies')).toHaveText('3 réponses');
  await expect(pageB.getByTestId('thread-activity')).toContainText('Dernière activité le');
  await shoot(pageB, 'fr-discussions');
  await expectNoSeriousAxeViolation(pageB, 'discussions tab');

  // Alice archives the thread: it takes no more replies, on both devices.
  await pageA.getByTestId('thread-archive').click();
  await expect(pageA.getByTestId('thread-archived')).toBeVisible();
  await expect(pageA.getByTestId('reply-input')).toHaveCount(0);
  // In the list it moves to the archived ones.
  await expect(pageB.getByTestId('thread-list')).toHaveCount(0);
  await expect(pageB.getByTestId('threads-archived')).toHaveText('Discussions archivées (1)');
  await pageB.getByTestId('threads-archived').click();
  await pageB.getByTestId('thread-link').click();
  await expect(pageB.getByTestId('thread-archived')).toBeVisible();
  await expect(pageB.getByTestId('reply-input')).toHaveCount(0);
  await pageB.getByTestId('language-select').selectOption('en');
  await expect(pageB.getByTestId('thread-archived')).toHaveText(
    'This discussion is archived: it can be read but takes no more replies.',
  );
  await shoot(pageB, 'en-thread-archived');
  await expectNoSeriousAxeViolation(pageB, 'thread page (archived, en)');
  await alice.close();
  await bruno.close();
});
