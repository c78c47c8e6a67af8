import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { addEvent, createCommunity, expect, expectSynced, openPage, test } from './fixtures';

/**
 * axe-core (WCAG 2.0 / 2.1, levels A and AA) on every main screen, in French and in
 * English: no serious or critical violation. axe-core is injected as a script (the
 * @axe-core/playwright wrapper needs Node 22).
 */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: readonly {
    readonly target: readonly unknown[];
    readonly failureSummary?: string;
  }[];
}

async function audit(page: Page, screen: string): Promise<void> {
  // The page has settled: no loading placeholder of a screen loaded on demand.
  await expect(page.locator('.loading')).toHaveCount(0);
  if (/home|community$/.test(screen)) await expect(page.getByTestId('import-file')).toBeAttached();
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const { violations, passes, incomplete } = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: unknown,
          ) => Promise<{ violations: unknown[]; passes: unknown[]; incomplete: unknown[] }>;
        };
      }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return {
      violations: results.violations as AxeViolation[],
      passes: (results.passes as { id: string }[]).map((rule) => rule.id),
      incomplete: (results.incomplete as { id: string }[]).map((rule) => rule.id),
    };
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) =>
      `[${screen}] ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}\n` +
      v.nodes
        .map((node) => `    ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`)
        .join('\n'),
  );
  const others = violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none';
  // "Incomplete" rules need a person to check (axe could not decide): listed, not failed.
  console.log(
    `[${screen}] ${passes.length} rules passed${passes.includes('color-contrast') ? ' (color-contrast among them)' : ''}; violations: ${others}; to review: ${incomplete.join(' ') || 'none'}`,
  );
  for (const line of report) console.log(line);
  expect(report, `serious or critical axe violations on ${screen}`).toEqual([]);
}

for (const language of ['fr', 'en'] as const) {
  test(`main screens have no serious accessibility violation (${language})`, async ({
    browser,
    relay,
  }) => {
    const context = await browser.newContext({
      locale: language === 'fr' ? 'fr-FR' : 'en-GB',
    });
    const page = await openPage(context, `${relay.url}/`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByTestId('create-community')).toBeVisible();
    await audit(page, `${language} home (empty)`);

    await page.getByTestId('create-community').click();
    await page.getByTestId('create-community-submit').click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await audit(page, `${language} create community (validation error)`);

    await page.goto(`${relay.url}/`);
    await createCommunity(page, { name: 'Rencontres de la Croix-Rousse', city: 'Lyon' });
    await addEvent(page, 'Apéro de juin');
    await expectSynced(page);
    await audit(page, `${language} community`);

    await page.getByTestId('add-event').click();
    await expect(page.getByTestId('event-title')).toBeVisible();
    await audit(page, `${language} add event`);
    await page.getByTestId('event-submit').click();
    await audit(page, `${language} add event (validation error)`);
    await page.goBack();

    await expect(page.getByTestId('event-link').first()).toBeVisible();
    await page.getByTestId('event-link').first().click();
    await expect(page.getByTestId('event-title-heading')).toHaveText('Apéro de juin');
    await page.getByTestId('rsvp-going').click();
    await expect(page.getByTestId('rsvp-state')).toBeVisible();
    await page.getByTestId('comment-input').fill('J’apporte de quoi grignoter.');
    await page.getByTestId('comment-submit').click();
    await expect(page.getByTestId('comment-item')).toHaveCount(1);
    await audit(page, `${language} event`);
    await page.getByTestId('checkin-toggle').click();
    await expect(page.getByTestId('checkin-item')).toHaveCount(1);
    await audit(page, `${language} event (check-in)`);

    await page.goto(`${relay.url}/`);
    await expect(page.getByTestId('community-item')).toHaveCount(1);
    await audit(page, `${language} home (with a community)`);
    await context.close();
  });
}
