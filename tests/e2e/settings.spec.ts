import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { addEvent, createCommunity, expect, test } from './fixtures';

async function openSettings(page: Page) {
  await page.getByTestId('settings-link').click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<[Download, string]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return [download, await readFile(path, 'utf8')];
}

test('language: the choice made in the settings survives a reload, and "as the browser" goes back to French here', async ({
  page,
  relay,
}) => {
  await page.goto(relay.url);
  await openSettings(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await page.getByTestId('settings-language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('settings-language')).toHaveValue('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The browser here is in French (fr-FR).
  await page.getByTestId('settings-language').selectOption('browser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages');
  await expect(page.getByTestId('settings-language')).toHaveValue('browser');
});

test('display name: refused when empty, saved and kept across a reload', async ({
  page,
  relay,
}) => {
  await page.goto(`${relay.url}/#/settings`);
  const name = page.getByTestId('settings-name');
  await name.fill('   ');
  await page.getByTestId('settings-name-save').click();
  await expect(page.getByText('Indiquez un nom.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await name.fill('Awa Diallo');
  await page.getByTestId('settings-name-save').click();
  await expect(page.getByTestId('settings-name-status')).toHaveText('Enregistré.');
  await page.reload();
  await expect(page.getByTestId('settings-name')).toHaveValue('Awa Diallo');
});

test('relay address: bad input is explained, a self-hosted relay is saved, and the default comes back', async ({
  page,
  relay,
}) => {
  await page.goto(`${relay.url}/#/settings`);
  const current = page.getByTestId('settings-relay-current');
  await expect(current).toContainText(relay.wsUrl);
  await expect(current).toContainText('(par défaut)');

  const input = page.getByTestId('settings-relay-input');
  await input.fill('https://relais.example.org');
  await page.getByTestId('settings-relay-save').click();
  await expect(page.getByText('L’adresse doit commencer par wss:// ou ws://.')).toBeVisible();
  await expect(current).toContainText('(par défaut)');

  await input.fill('wss://relais.example.org');
  await page.getByTestId('settings-relay-save').click();
  await expect(input).toHaveValue('wss://relais.example.org/sync');
  await expect(current).toContainText('wss://relais.example.org/sync');
  await expect(page.getByTestId('settings-relay-status')).toContainText(
    'connexions ouvertes à partir de maintenant',
  );
  await page.reload();
  await expect(page.getByTestId('settings-relay-current')).toContainText(
    'wss://relais.example.org/sync (choisi ici)',
  );

  await page.getByTestId('settings-relay-reset').click();
  await expect(page.getByTestId('settings-relay-current')).toContainText(relay.wsUrl);
  await page.reload();
  await expect(page.getByTestId('settings-relay-current')).toContainText('(par défaut)');
});

test('storage: the space used is shown in readable units, with whether it is persistent', async ({
  page,
  relay,
}) => {
  await page.goto(relay.url);
  await createCommunity(page, { name: 'Jardin partagé' });
  await openSettings(page);
  await expect(page.getByTestId('settings-storage-usage')).toHaveText(
    /^[\d,]+\s(octets|ko|Mo|Go) utilisés sur [\d,]+\s(ko|Mo|Go|To) disponibles/,
  );
  await expect(page.getByTestId('settings-storage-persisted')).toHaveAttribute(
    'data-persisted',
    /^(true|false)$/,
  );
});

test('export: every community as a JSON file and all events as one .ics, both parse', async ({
  page,
  relay,
}) => {
  await page.goto(relay.url);
  await createCommunity(page, { name: 'Jardin partagé' });
  await addEvent(page, 'Semis de printemps', '2030-04-12');
  await page.goto(`${relay.url}/#/`);
  await createCommunity(page, { name: 'Café des indés', city: 'Nantes' });
  await addEvent(page, 'Apéro code', '2030-05-03');
  await openSettings(page);

  const [jsonFile, json] = await downloaded(page, () =>
    page.getByTestId('settings-export-json').click(),
  );
  expect(jsonFile.suggestedFilename()).toMatch(/^ensemble-communautes-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = JSON.parse(json) as {
    format: string;
    communities: { community: { profile: { name: string }; events: { title: string }[] } }[];
  };
  expect(parsed.format).toBe('ensemble-communities');
  expect(parsed.communities.map((entry) => entry.community.profile.name).sort()).toEqual([
    'Café des indés',
    'Jardin partagé',
  ]);
  expect(
    parsed.communities.flatMap((e) => e.community.events.map((ev) => ev.title)).sort(),
  ).toEqual(['Apéro code', 'Semis de printemps']);
  await expect(page.getByTestId('settings-export-status')).toHaveText('2 communautés exportées.');

  const [icsFile, ics] = await downloaded(page, () =>
    page.getByTestId('settings-export-ics').click(),
  );
  expect(icsFile.suggestedFilename()).toMatch(/\.ics$/);
  const lines = ics.split('\r\n');
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
  expect(lines.filter((line) => line === 'END:VEVENT')).toHaveLength(2);
  expect(lines).toContain('SUMMARY:Semis de printemps');
  expect(lines).toContain('SUMMARY:Apéro code');
  expect(lines.at(-2)).toBe('END:VCALENDAR');
});
