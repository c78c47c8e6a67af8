import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { createCommunity, expect, openAsMember, openPage, test } from './fixtures';

// The fair: three visitors edit one project's board and notes while the venue's network
// comes and goes for each of them at different times. At the end all three show the same
// board (same tasks, columns and order) and the same notes, and nothing typed is lost.

mkdirSync('test-results/screens', { recursive: true });

const column = (page: Page, status: 'todo' | 'doing' | 'done') =>
  page.getByTestId(`column-${status}`).getByTestId('task-title');

async function board(page: Page): Promise<Record<string, string[]>> {
  const read = async (status: 'todo' | 'doing' | 'done') => column(page, status).allInnerTexts();
  return { todo: await read('todo'), doing: await read('doing'), done: await read('done') };
}

async function addTask(page: Page, title: string): Promise<void> {
  await page.getByTestId('task-new-title').fill(title);
  await page.getByTestId('task-add').click();
  await expect(column(page, 'todo').filter({ hasText: title })).toBeVisible();
}

/** Members gave their name when founding or joining: presence shows it first, as theirs. */
async function expectNamed(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('presence-person').first()).toContainText(name);
}

/** The notes' text without the collaborators' cursors (their name labels are drawn inside it). */
function notesText(page: Page): Promise<string> {
  return page.getByTestId('notes-editor').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Types a paragraph at the end of the notes. */
async function typeNote(page: Page, sentence: string): Promise<void> {
  const editor = page.getByTestId('notes-editor');
  await editor.click();
  await page.keyboard.press('Control+End');
  // A new paragraph after what is there (none in an empty document).
  if ((await editor.textContent())?.trim()) await page.keyboard.press('Enter');
  await page.keyboard.type(sentence);
  await expect.poll(() => notesText(page)).toContain(sentence);
}

async function setOnline(context: BrowserContext, page: Page, online: boolean) {
  await context.setOffline(!online);
  await expect(page.getByTestId('project-sync')).toHaveAttribute(
    'data-state',
    online ? 'synced' : 'offline',
  );
}

test('the fair: three visitors edit one board and its notes, offline and online, and converge', async ({
  browser,
  relay,
}) => {
  test.setTimeout(120_000);
  const contexts = await Promise.all([1, 2, 3].map(() => browser.newContext()));
  const [ca, cb, cc] = contexts as [BrowserContext, BrowserContext, BrowserContext];
  const ada = await openPage(ca, `${relay.url}/`);
  const link = await createCommunity(ada, { name: 'Foire de la Croix-Rousse', founder: 'Ada' });

  await ada.getByTestId('tab-link-projects').click();
  await ada.getByTestId('project-new').click();
  await ada.getByTestId('project-title-input').fill('Cabane à livres');
  await ada.getByTestId('project-summary-input').fill('On la construit pendant la foire');
  await ada.getByTestId('project-create-submit').click();
  await expect(ada.getByTestId('project-title')).toHaveText('Cabane à livres');
  const projectUrl = ada.url().replace(/^.*#/, `${relay.url}/#`);
  await expect(ada.getByTestId('project-sync')).toHaveAttribute('data-state', 'synced');
  await expectNamed(ada, 'Ada');

  // Bo and Cy join by the invite link, find the project in the list and open it.
  const bo = await openAsMember(cb, link, 'Bo');
  const cy = await openAsMember(cc, link, 'Cy');
  for (const page of [bo, cy]) {
    await expect(page.getByTestId('community-title')).toHaveText('Foire de la Croix-Rousse');
    await page.getByTestId('tab-link-projects').click();
    await page
      .getByTestId('project-item')
      .filter({ hasText: 'Cabane à livres' })
      .getByRole('link')
      .click();
    await expect(page.getByTestId('project-title')).toHaveText('Cabane à livres');
  }
  expect(bo.url().replace(/^.*#/, '')).toBe(projectUrl.replace(/^.*#/, ''));
  await expectNamed(bo, 'Bo');
  await expectNamed(cy, 'Cy');
  // Presence: each sees the three of them, by name.
  for (const page of [ada, bo, cy]) {
    await expect(page.getByTestId('presence-person')).toHaveCount(3);
    await expect(page.getByTestId('presence')).toContainText('Ada');
    await expect(page.getByTestId('presence')).toContainText('Cy');
  }

  // Online together: a few tasks and a first sentence each.
  await addTask(ada, 'Récupérer des palettes');
  await addTask(bo, 'Peindre le toit');
  await addTask(cy, 'Trouver des livres');
  for (const page of [ada, bo, cy]) await expect(column(page, 'todo')).toHaveCount(3);
  await typeNote(ada, 'Ada : rendez-vous samedi à 10 h.');
  // Bo sees Ada's cursor, with her name.
  await expect(bo.locator('.collaboration-carets__label', { hasText: 'Ada' })).toBeVisible();
  await expect(bo.getByTestId('notes-editor')).toContainText('rendez-vous samedi');

  // The Wi-Fi drops for Ada, then for Bo: both keep working.
  await setOnline(ca, ada, false);
  await addTask(ada, 'Acheter des vis');
  // Keyboard: Ada moves "Récupérer des palettes" to "En cours", then the new task to the top.
  await ada.getByRole('button', { name: 'Déplacer « Récupérer des palettes »' }).focus();
  await ada.keyboard.press('ArrowRight');
  await expect(column(ada, 'doing')).toHaveText(['Récupérer des palettes']);
  await expect(ada.getByTestId('board-live')).toContainText('En cours, position 1 sur 1');
  await expect(
    ada.getByRole('button', { name: 'Déplacer « Récupérer des palettes »' }),
  ).toBeFocused();
  await ada.getByRole('button', { name: 'Déplacer « Acheter des vis »' }).focus();
  await ada.keyboard.press('Home');
  await typeNote(ada, 'Ada hors ligne : prévoir une bâche.');

  await setOnline(cb, bo, false);
  await addTask(bo, 'Fixer les étagères');
  // Drag (pointer events): Bo drags "Peindre le toit" into "Terminé".
  await dragTo(bo, 'Peindre le toit', 'done');
  await expect(column(bo, 'done')).toHaveText(['Peindre le toit']);
  await typeNote(bo, 'Bo hors ligne : il reste de la peinture verte.');

  // Cy stays online and edits a task's details; then Ada comes back while Cy drops.
  await cy.getByTestId('task-open').filter({ hasText: 'Trouver des livres' }).click();
  await cy.getByTestId('task-description-input').fill('Demander à la médiathèque');
  await cy.getByTestId('task-due-input').fill('2030-06-14');
  await cy.getByTestId('task-save').click();
  await expect(cy.getByTestId('task-dialog')).toBeHidden();
  await setOnline(ca, ada, true);
  await setOnline(cc, cy, false);
  await addTask(cy, 'Imprimer une affiche');
  await typeNote(cy, 'Cy hors ligne : affiche en A3.');
  await typeNote(ada, 'Ada de retour : la bâche est trouvée.');

  // Everyone back online.
  await setOnline(cb, bo, true);
  await setOnline(cc, cy, true);

  const tasks = [
    'Récupérer des palettes',
    'Peindre le toit',
    'Trouver des livres',
    'Acheter des vis',
    'Fixer les étagères',
    'Imprimer une affiche',
  ];
  const sentences = [
    'Ada : rendez-vous samedi à 10 h.',
    'Ada hors ligne : prévoir une bâche.',
    'Bo hors ligne : il reste de la peinture verte.',
    'Cy hors ligne : affiche en A3.',
    'Ada de retour : la bâche est trouvée.',
  ];
  await expect
    .poll(async () => JSON.stringify(await board(bo)))
    .toBe(JSON.stringify(await board(ada)));
  await expect
    .poll(async () => JSON.stringify(await board(cy)))
    .toBe(JSON.stringify(await board(ada)));
  const final = await board(ada);
  expect([...(final.todo ?? []), ...(final.doing ?? []), ...(final.done ?? [])].sort()).toEqual(
    [...tasks].sort(),
  );
  expect(final.doing).toEqual(['Récupérer des palettes']);
  expect(final.done).toEqual(['Peindre le toit']);
  expect(final.todo?.[0]).toBe('Acheter des vis');
  // The notes' paragraphs, without the others' cursors (their name labels sit in the text).
  const notes = (page: Page) =>
    page.getByTestId('notes-editor').evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return [...copy.children].map((block) => block.textContent ?? '');
    });
  await expect.poll(() => notes(bo)).toEqual(await notes(ada));
  await expect.poll(() => notes(cy)).toEqual(await notes(ada));
  for (const page of [ada, bo, cy]) {
    for (const sentence of sentences) await expect.poll(() => notesText(page)).toContain(sentence);
    await expect(
      page.getByTestId('task-card').filter({ hasText: 'Trouver des livres' }),
    ).toContainText('14 juin 2030');
  }

  // No stale presence after the network came and went: nobody sees a cursor of their own
  // (an earlier connection's state left behind), and everyone is listed once.
  for (const [page, name] of [
    [ada, 'Ada'],
    [bo, 'Bo'],
    [cy, 'Cy'],
  ] as const) {
    await expect(page.locator('.collaboration-carets__label', { hasText: name })).toHaveCount(0);
    await expect(page.getByTestId('presence-person')).toHaveCount(3);
    for (const other of ['Ada', 'Bo', 'Cy']) {
      expect(
        await page.locator('.collaboration-carets__label', { hasText: other }).count(),
      ).toBeLessThanOrEqual(1);
    }
  }

  // The project list shows the counts.
  await cy.goto(
    `${relay.url}/#${new URL(projectUrl).hash.replace(/^#/, '').replace(/\/p\/.*/, '/projects')}`,
  );
  await expect(cy.getByTestId('project-counts')).toHaveText(
    'À faire : 4 · En cours : 1 · Terminé : 1',
  );
  await cy.screenshot({ path: 'test-results/screens/projects-list.png' });
  await ada.screenshot({ path: 'test-results/screens/project-board.png', fullPage: true });
  await ada.getByTestId('notes-editor').scrollIntoViewIfNeeded();
  await ada.screenshot({ path: 'test-results/screens/project-notes.png' });
  for (const context of contexts) await context.close();
});

/**
 * Drags a task by its handle with the mouse (pointer events) onto a column; on a phone
 * the columns are stacked, so the pointer rests at the bottom edge until the page has
 * scrolled the target into view, as a finger would.
 */
async function dragTo(page: Page, title: string, status: 'todo' | 'doing' | 'done') {
  // A tall phone screen: the drag crosses columns without waiting on the edge auto-scroll,
  // whose pace depends on animation frames (starved on these shared machines).
  const phone = page.viewportSize() ?? { width: 390, height: 844 };
  await page.setViewportSize({ width: phone.width, height: 1600 });
  try {
    await dragOnScreen(page, title, status);
  } finally {
    await page.setViewportSize(phone);
  }
}

async function dragOnScreen(page: Page, title: string, status: 'todo' | 'doing' | 'done') {
  const handle = page.getByRole('button', { name: `Déplacer « ${title} »` });
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  if (!from) throw new Error('no handle');
  const x = from.x + from.width / 2;
  await page.mouse.move(x, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, from.y + from.height / 2 + 20, { steps: 4 });
  const target = page.getByTestId(`column-${status}`);
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  await page.mouse.move(x, viewport.height - 20, { steps: 8 });
  await expect
    .poll(async () => {
      const box = await target.boundingBox();
      return box !== null && box.y + box.height < viewport.height - 80;
    })
    .toBe(true);
  // Out of the edge zone: the page stops scrolling; then onto the column where it now is.
  await page.mouse.move(x, viewport.height / 2, { steps: 2 });
  const to = await target.boundingBox();
  if (!to) throw new Error('no column');
  await page.mouse.move(x, to.y + to.height / 2, { steps: 6 });
  await expect(target).toHaveClass(/drop-target/);
  await page.mouse.up();
}
