import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { expect, test, waitForServiceWorkerControl } from './fixtures';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the service worker controls the page and the app meets installability criteria', async ({
  relay,
  launchOptions,
  viewport,
}) => {
  // Chromium never offers installation in an incognito-like context: use a real profile.
  const profile = mkdtempSync(join(tmpdir(), 'ensemble-profile-'));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${relay.url}/`);
  await waitForServiceWorkerControl(page);

  // Chromium's own verdict on installability (manifest, icons, service worker, secure origin).
  const cdp = await page.context().newCDPSession(page);
  await expect
    .poll(async () => {
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      return installabilityErrors.map((e) => e.errorId);
    })
    .toEqual([]);

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifestResponse = await page.request.get(
    new URL(manifestHref ?? '', relay.url).toString(),
  );
  expect(manifestResponse.ok()).toBe(true);
  const manifest = await manifestResponse.json();
  expect(manifest).toMatchObject({
    name: 'Ensemble',
    short_name: 'Ensemble',
    display: 'standalone',
  });
  expect(manifest.start_url).toBeTruthy();
  const sizes = new Set<string>();
  for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
    const response = await page.request.get(new URL(icon.src, relay.url).toString());
    expect(response.headers()['content-type']).toContain('image/png');
    const { width, height } = pngSize(await response.body());
    expect(`${width}x${height}`).toBe(icon.sizes);
    sizes.add(icon.sizes);
  }
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});
