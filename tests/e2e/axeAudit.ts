import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * axe-core (WCAG 2.0 / 2.1, levels A and AA) on the current page: no serious or critical
 * violation. Injected as a script, as a11y.spec.ts does (@axe-core/playwright needs Node 22).
 */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  readonly id: string;
  readonly impact?: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[] }[];
}

export async function expectNoSeriousAxeViolation(page: Page, screen: string): Promise<void> {
  await expect(page.locator('.loading')).toHaveCount(0);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> };
    };
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations as AxeViolation[];
  });
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `[${screen}] ${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
  expect(blocking, `serious or critical axe violations on ${screen}`).toEqual([]);
}
