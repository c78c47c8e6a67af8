/**
 * bench:photos (device): a community whose device holds 200 photos (12 attached to one
 * item through the UI: resized and re-encoded by the app; the other 188 written into the
 * app's `blobs` table), then, offline, navigation to the item page until its 12 photos
 * are decoded and painted, from IndexedDB. Real built PWA, real relay, Debian Chromium.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { photoWithGps } from '../../tests/e2e/photoFiles';
import { startRelayProcess } from '../../tests/support/relayProcess';

const TOTAL = Number(process.env.BENCH_PHOTOS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ON_ITEM = 12;
const distDir = join(import.meta.dirname, '..', '..', 'client', 'dist');

export interface GalleryFigures {
  readonly photosOnDevice: number;
  readonly photosOnPage: number;
  readonly paintMs: readonly number[];
  readonly medianMs: number;
  readonly attachSeconds: number;
}

export async function benchGalleryPaint(): Promise<GalleryFigures> {
  const relay = await startRelayProcess({ staticDir: distDir });
  const browser = await chromium.launch({
    executablePath: process.env.ENSEMBLE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'fr-FR',
    });
    const page = await context.newPage();
    await page.goto(`${relay.url}/`);
    await page.getByTestId('create-community').click();
    await page.getByTestId('founder-name').fill('Alice');
    await page.getByTestId('community-name').fill('Café des indépendants');
    await page.getByTestId('community-city').fill('Lyon');
    await page.getByTestId('create-community-submit').click();
    await page.getByTestId('community-title').waitFor();
    await page.getByTestId('tab-link-items').click();
    await page.getByTestId('item-new').click();
    await page.getByTestId('item-kind-lend').check();
    await page.getByTestId('item-title').fill('Photos des rencontres');
    await page.getByTestId('item-submit').click();
    await page.getByTestId('item-title-heading').waitFor();
    const itemUrl = page.url();
    process.stderr.write('gallery: item created\n');
    const photo = await photoWithGps(page);
    const files = Array.from({ length: ON_ITEM }, (_, i) => ({
      name: `rencontre-${i + 1}.jpg`,
      mimeType: 'image/jpeg',
      // Different bytes each (an APP15 comment), so 12 different blobs.
      buffer: Buffer.concat([
        photo.subarray(0, 2),
        Buffer.from([0xff, 0xef, 0, 4, i, 0]),
        photo.subarray(2),
      ]),
    }));
    const attachStarted = performance.now();
    await page.getByTestId('attachment-input').setInputFiles(files);
    await page
      .locator('[data-testid=attachment-image]')
      .nth(ON_ITEM - 1)
      .waitFor();
    const attachSeconds = (performance.now() - attachStarted) / 1000;
    process.stderr.write(`gallery: ${ON_ITEM} photos attached in ${attachSeconds.toFixed(1)} s\n`);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=attachment-waiting]').length === 0,
    );
    // The rest of the community's photos on this device (what other items and events hold).
    for (let i = ON_ITEM; i < TOTAL; i += 20) {
      const chunk = Array.from({ length: Math.min(20, TOTAL - i) }, () =>
        randomBytes(250 * 1024).toString('base64'),
      );
      await page.evaluate(async (rows) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('ensemble');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const tx = db.transaction('blobs', 'readwrite');
        rows.forEach((bytes, n) => {
          tx.objectStore('blobs').put({
            hash: `${n}-${Math.random().toString(16).slice(2)}`.padEnd(64, '0'),
            bytes: Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)),
            type: 'image/jpeg',
            storedAt: Date.now(),
          });
        });
        await new Promise((resolve) => {
          tx.oncomplete = resolve;
        });
        db.close();
      }, chunk);
    }
    process.stderr.write('gallery: device holds the photos; measuring offline\n');
    await context.setOffline(true);
    const paintMs: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.goto('about:blank');
      await new Promise((r) => setTimeout(r, 1_000));
      await page.goto(itemUrl);
      const at = await page.waitForFunction(
        (count) => {
          const images = Array.from(
            document.querySelectorAll<HTMLImageElement>('[data-testid=attachment-image]'),
          );
          const painted =
            images.length === count && images.every((img) => img.complete && img.naturalWidth > 0);
          return painted ? performance.now() : false;
        },
        ON_ITEM,
        { polling: 'raf', timeout: 30_000 },
      );
      // The first run warms the service worker and code caches.
      if (run > 0) paintMs.push(Number(await at.jsonValue()));
    }
    const sorted = [...paintMs].sort((a, b) => a - b);
    return {
      photosOnDevice: TOTAL,
      photosOnPage: ON_ITEM,
      paintMs: paintMs.map((ms) => Math.round(ms)),
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
      attachSeconds: Number(attachSeconds.toFixed(1)),
    };
  } finally {
    await browser.close();
    await relay.dispose();
  }
}
