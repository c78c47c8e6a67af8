import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousAxeViolation } from './axeAudit';
import { addEvent, createCommunity, expect, expectSynced, openPage, test } from './fixtures';
import { RAW_KEY, sameInBoth, visibleTexts } from './languageTexts';

/** Texts the test types: names and contents, the same whatever the language. */
const TYPED = {
  community: 'Jardin partagé des Pentes',
  city: 'Lyon',
  description: 'Une communauté de test',
  founder: 'Alice',
  event: 'Apéro de juin',
  place: 'La Maison des associations',
  item: 'Perceuse à prêter',
  project: 'Cabane à livres',
  summary: 'On la construit ensemble',
  task: 'Trouver des planches',
  thread: 'Vide-grenier de dimanche',
  post: 'Qui tient le stand avec moi ?',
  comment: 'J’apporte de quoi grignoter.',
};
const allowed = sameInBoth(Object.values(TYPED));

interface Screen {
  readonly name: string;
  readonly hash: string;
  /** What shows the screen is ready (its data loaded, not a loading state). */
  readonly ready: (page: Page) => Locator;
  /** Parts loaded on demand (their test ids), waited for so that every visit reads them. */
  readonly parts?: readonly string[];
  /** Opens what the screen hides at first (a panel, a dialog), to read its texts too. */
  readonly open?: (page: Page) => Promise<void>;
}

/** Creates a community with an event, an item, a project with a task and a thread (in French). */
async function fillCommunity(page: Page): Promise<{ link: string; screens: Screen[] }> {
  const link = await createCommunity(page, {
    name: TYPED.community,
    city: TYPED.city,
    founder: TYPED.founder,
  });
  const community = new URL(page.url()).hash;
  await addEvent(page, TYPED.event);
  await page.getByTestId('event-link').click();
  await page.getByTestId('rsvp-going').click();
  await page.getByTestId('comment-input').fill(TYPED.comment);
  await page.getByTestId('comment-submit').click();
  await expect(page.getByTestId('comment-item')).toHaveCount(1);
  const event = new URL(page.url()).hash;

  await page.goto(`${page.url().split('#')[0]}${community}/items/new`);
  await page.getByTestId('item-title').fill(TYPED.item);
  await page.getByTestId('item-submit').click();
  await expect(page.getByTestId('item-title-heading')).toHaveText(TYPED.item);
  const item = new URL(page.url()).hash;

  await page.goto(`${page.url().split('#')[0]}${community}/projects`);
  await page.getByTestId('project-new').click();
  await page.getByTestId('project-title-input').fill(TYPED.project);
  await page.getByTestId('project-summary-input').fill(TYPED.summary);
  await page.getByTestId('project-create-submit').click();
  await expect(page.getByTestId('project-title')).toHaveText(TYPED.project);
  await page.getByTestId('task-new-title').fill(TYPED.task);
  await page.getByTestId('task-add').click();
  await expect(page.getByTestId('task-card')).toHaveCount(1);
  const project = new URL(page.url()).hash;

  await page.goto(`${page.url().split('#')[0]}${community}/discussions`);
  await page.getByTestId('thread-new').click();
  await page.getByTestId('thread-title-input').fill(TYPED.thread);
  await page.getByTestId('thread-text-input').fill(TYPED.post);
  await page.getByTestId('thread-submit').click();
  await expect(page.getByTestId('thread-title-heading')).toHaveText(TYPED.thread);
  const thread = new URL(page.url()).hash;
  await expectSynced(page);

  const byId = (id: string) => (p: Page) => p.getByTestId(id).first();
  const communityParts = ['share-link', 'export-file'];
  // The project's own sync state is written out ("à jour"): read once it is up to date.
  const projectSynced = (p: Page) => p.locator('[data-testid=project-sync][data-state=synced]');
  const screens: Screen[] = [
    // Read once the community's "since your last visit" line (loaded on demand) is there.
    { name: 'home', hash: '#/', ready: byId('community-activity'), parts: ['import-file'] },
    { name: 'create community', hash: '#/new', ready: byId('create-community-submit') },
    {
      name: 'page not found',
      hash: '#/nowhere',
      ready: (p) => p.getByRole('heading', { level: 1 }),
    },
    { name: 'events tab', hash: community, ready: byId('event-item'), parts: communityParts },
    {
      name: 'items tab',
      hash: `${community}/items`,
      ready: byId('item-card'),
      parts: communityParts,
    },
    {
      name: 'projects tab',
      hash: `${community}/projects`,
      ready: byId('project-item'),
      parts: communityParts,
    },
    {
      name: 'discussions tab',
      hash: `${community}/discussions`,
      ready: byId('thread-new'),
      parts: communityParts,
    },
    {
      name: 'members tab',
      hash: `${community}/members`,
      ready: byId('member-item'),
      parts: communityParts,
    },
    {
      name: 'event page with check-in',
      hash: event,
      ready: byId('comment-item'),
      // The entry code and the scanner load on demand: read once they are there.
      parts: ['checkin-code-toggle'],
      open: async (p) => {
        await p.getByTestId('checkin-toggle').click();
        await expect(p.getByTestId('checkin-item')).toHaveCount(1);
        await expect(p.getByTestId('checkin-scan')).toBeVisible();
      },
    },
    { name: 'add event', hash: `${community}/events/new`, ready: byId('event-submit') },
    { name: 'item page', hash: item, ready: byId('item-title-heading') },
    { name: 'new item', hash: `${community}/items/new`, ready: byId('item-submit') },
    {
      name: 'project board and notes',
      hash: project,
      ready: projectSynced,
      parts: ['notes-editor'],
    },
    {
      name: 'task dialog',
      hash: project,
      ready: projectSynced,
      open: async (p) => {
        await p.getByTestId('task-open').click();
        await expect(p.getByTestId('task-dialog')).toBeVisible();
      },
    },
    { name: 'discussion thread', hash: thread, ready: byId('post-item') },
    { name: 'settings', hash: '#/settings', ready: byId('settings-language') },
    { name: 'pair', hash: `${community}/pair`, ready: byId('pair-show-code') },
    {
      name: 'pair, showing a code',
      hash: `${community}/pair`,
      ready: byId('pair-show-code'),
      open: async (p) => {
        await p.getByTestId('pair-show-code').click();
        await expect(p.getByTestId('pair-offer-qr').first()).toBeVisible();
      },
    },
  ];
  return { link, screens };
}

type Snapshot = Map<string, string[]>;

/**
 * Visits every screen and reads its texts, checking none shows a raw message key; with
 * `audit`, also runs axe on each (no serious or critical violation).
 */
async function readScreens(
  page: Page,
  base: string,
  screens: readonly Screen[],
  audit?: 'fr' | 'en',
) {
  const snapshot: Snapshot = new Map();
  for (const screen of screens) {
    await page.goto(`${base}${screen.hash}`);
    await expect(screen.ready(page), screen.name).toBeVisible();
    for (const part of screen.parts ?? []) await expect(page.getByTestId(part)).toBeAttached();
    await screen.open?.(page);
    // Up to date with the relay (or just online, on screens outside a community).
    await expect(page.getByTestId('sync-status')).toHaveAttribute(
      'data-state',
      /^(synced|online)$/,
    );
    const texts = await visibleTexts(page);
    expect(
      texts.filter((text) => RAW_KEY.test(text)),
      `raw keys on ${screen.name}`,
    ).toEqual([]);
    snapshot.set(screen.name, texts);
    if (audit) await expectNoSeriousAxeViolation(page, `${audit} ${screen.name}`);
  }
  return snapshot;
}

async function chooseLanguage(page: Page, base: string, language: 'fr' | 'en'): Promise<void> {
  await page.goto(`${base}#/settings`);
  await page.getByTestId('settings-language').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/** Every English text differs from the French one, unless both languages share it. */
function expectTranslated(french: Snapshot, english: Snapshot): void {
  const untranslated: Record<string, string[]> = {};
  for (const [name, frTexts] of french) {
    const enTexts = english.get(name) ?? [];
    const same = enTexts.filter((text) => frTexts.includes(text) && !allowed(text));
    if (same.length > 0) untranslated[name] = same;
  }
  expect(untranslated, 'texts left the same in French and English').toEqual({});
}

/** French again: the same texts as the first visit (times and counts aside). */
function expectSameTexts(before: Snapshot, after: Snapshot): void {
  const stable = (texts: readonly string[]) => texts.filter((text) => !/\d/.test(text));
  for (const [name, texts] of before) {
    expect(stable(after.get(name) ?? []), `French texts of ${name}`).toEqual(stable(texts));
  }
}

test('language: every screen switches between French and English, attributes and <html lang> too', async ({
  browser,
  relay,
}) => {
  test.setTimeout(360_000);
  const context = await browser.newContext();
  const page = await openPage(context, `${relay.url}/`);
  const base = `${relay.url}/`;
  const { link, screens } = await fillCommunity(page);

  // Every main screen also goes through axe, in both languages.
  const french = await readScreens(page, base, screens, 'fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await chooseLanguage(page, base, 'en');
  const english = await readScreens(page, base, screens, 'en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expectTranslated(french, english);

  await chooseLanguage(page, base, 'fr');
  expectSameTexts(french, await readScreens(page, base, screens));

  // A newcomer's device, opening the invite link: the community with its join form.
  const newcomer = await openPage(await browser.newContext(), link);
  await expect(newcomer.getByTestId('join-panel')).toBeVisible();
  const join: Screen[] = [
    {
      name: 'join',
      hash: new URL(newcomer.url()).hash,
      ready: byJoinPanel,
      parts: ['export-file'],
    },
  ];
  const joinFrench = await readScreens(newcomer, base, join);
  await chooseLanguage(newcomer, base, 'en');
  expectTranslated(joinFrench, await readScreens(newcomer, base, join));
  await context.close();
});

const byJoinPanel = (page: Page) => page.getByTestId('join-panel');
