/**
 * bench:client: the large community of bench:domain stored in the page's IndexedDB
 * (written in the app's own storage format: one merged update row in `updates`, its
 * entry in `communities`), the built PWA served by the real relay, headless Debian
 * Chromium. Measures, over several runs, the time from navigation to the community
 * home's events painted (first `[data-testid=event-item]`, at the next animation frame;
 * from the community's stored digest once the app has written it) and to the document
 * loaded (the event list drawn from the full document: the page is interactive), then
 * the same without a digest; and the initial JS in gzip (entry + modulepreloaded
 * chunks), which must not hold Automerge. Also times the steps the load is made of.
 *
 * Run: pnpm bench:client   (builds first; BENCH_SCALE=0.1 for a quick run, BENCH_RUNS=N
 * runs with the digest, BENCH_RUNS_NO_DIGEST=N without)
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { readCommunity, upcomingEvents, yjsEngine } from '../shared/src/index';
import { startRelayProcess } from '../tests/support/relayProcess';
import { deleteDigest, settle, summary, type Visit, waitForDigest } from './client/digestRows';
import { measureInitialJs } from './client/initialJs';
import { buildLargeCommunity } from './client/largeCommunity';
import { type PageProbes, PROBES_SCRIPT } from './client/pageProbes';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RUNS_NO_DIGEST = Number(process.env.BENCH_RUNS_NO_DIGEST ?? 3);
const SETTLE_MS = 2_000;
const PAINT_GOAL_MS = 500;
const JS_GOAL_BYTES = 150 * 1024;
const distDir = join(import.meta.dirname, '..', 'client', 'dist');

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (n: number) => Number(n.toFixed(1));
function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

// Half the events in the past, half upcoming, as in bench:domain.
const events = Math.round(5_000 * scale);
const firstEvent = Date.now() - (events / 2) * 6 * 3_600_000;
const [buildMs, community] = time(() => buildLargeCommunity(scale, firstEvent));
const state = community.doc.encodeState();

// Where a load's time goes, outside the browser (Node, same engine and domain code).
const [applyMs, loaded] = time(() => yjsEngine.load(community.doc.id, [state]));
const [readMs, snapshot] = time(() => readCommunity(loaded));
const [upcomingMs] = time(() => upcomingEvents(snapshot ?? never(), new Date()));

const js = measureInitialJs(distDir);
const relay = await startRelayProcess({ staticDir: distDir });
const browser = await chromium.launch({
  executablePath: process.env.ENSEMBLE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  await context.addInitScript({ content: PROBES_SCRIPT });
  const page = await context.newPage();
  await page.goto(relay.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const idbWriteMs = await page.evaluate(
    async ({ docId, base64, row }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const started = performance.now();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('ensemble');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['updates', 'communities'], 'readwrite');
        tx.objectStore('updates').add({ docId, bytes });
        tx.objectStore('communities').put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return performance.now() - started;
    },
    {
      docId: community.doc.id as string,
      base64: Buffer.from(state).toString('base64'),
      row: {
        id: community.id as string,
        name: community.name,
        city: community.city,
        lastOpenedAt: Date.now(),
        updatedAt: Date.now(),
      },
    },
  );
  const url = `${relay.url}/#/c/${community.id}`;
  const visit = async (): Promise<Visit> => {
    await page.goto('about:blank');
    // Every run starts alike: the previous page (a large heap) torn down, its writes done.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    await page.goto(url);
    return page.evaluate(async () => {
      const probes = (window as unknown as { __probes: PageProbes }).__probes;
      const painted = await probes.eventsPainted;
      const loaded = await probes.documentLoaded;
      return {
        painted: painted.at,
        from: painted.from,
        loaded,
        shell: probes.shellAt ?? Number.NaN,
        domReady:
          performance.getEntriesByType('navigation')[0]?.toJSON().domContentLoadedEventEnd ??
          Number.NaN,
      };
    });
  };
  // Warm-up: the first opening (service worker install, HTTP cache, no digest yet). The
  // app writes the community's digest once the document is read.
  const firstOpen = await visit();
  await waitForDigest(page, community.id);
  const withDigest: Visit[] = [];
  for (let run = 0; run < RUNS; run++) {
    await settle();
    withDigest.push(await visit());
  }
  // The same opening when the device has no digest (a community never opened in this
  // version): the digest is deleted before each of these runs.
  const withoutDigest: Visit[] = [];
  for (let run = 0; run < RUNS_NO_DIGEST; run++) {
    await settle();
    await deleteDigest(page, community.id);
    withoutDigest.push(await visit());
  }
  const paints = withDigest.map((visit) => visit.painted);
  const idbReadMs = await page.evaluate(async (docId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('ensemble');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const request = db.transaction('updates').objectStore('updates').index('docId').getAll(docId);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return performance.now() - started;
  }, community.doc.id as string);
  const controlled = await page.evaluate(() => navigator.serviceWorker?.controller !== null);

  const figures = {
    machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version}, ${browser.version()}`,
    scale,
    buildSeconds: round(buildMs / 1000),
    encodedBytes: state.byteLength,
    runs: RUNS,
    servedByServiceWorker: controlled,
    firstOpen: {
      note: 'warm-up: service worker install, no digest yet',
      eventsPaintedMs: round(firstOpen.painted),
      from: firstOpen.from,
      documentLoadedMs: round(firstOpen.loaded),
    },
    withDigest: {
      eventsPaintedMs: { ...summary(paints), goal: PAINT_GOAL_MS },
      paintedFrom: withDigest.map((visit) => visit.from),
      documentLoadedMs: summary(withDigest.map((visit) => visit.loaded)),
    },
    withoutDigest: {
      runs: RUNS_NO_DIGEST,
      eventsPaintedMs: summary(withoutDigest.map((visit) => visit.painted)),
      paintedFrom: withoutDigest.map((visit) => visit.from),
      documentLoadedMs: summary(withoutDigest.map((visit) => visit.loaded)),
    },
    breakdown: {
      domContentLoadedMedianMs: round(median(withDigest.map((visit) => visit.domReady))),
      appShellRenderedMedianMs: round(median(withDigest.map((visit) => visit.shell))),
      idbWriteOnceMs: round(idbWriteMs),
      idbReadMs: round(idbReadMs),
      nodeApplyUpdateMs: round(applyMs),
      nodeReadCommunityMs: round(readMs),
      nodeUpcomingEventsMs: round(upcomingMs),
    },
    initialJs: {
      gzipBytes: js.totalGzipBytes,
      gzipKB: round(js.totalGzipBytes / 1024),
      goalKB: JS_GOAL_BYTES / 1024,
      files: js.files,
      automergeInInitialJs: js.withAutomerge,
    },
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  if (js.withAutomerge.length > 0) {
    process.stderr.write(`bench:client: Automerge is in the initial JS: ${js.withAutomerge}\n`);
    process.exitCode = 1;
  }
  for (const [what, ok] of [
    ['events painted', median(paints) <= PAINT_GOAL_MS],
    ['events painted from the digest', withDigest.every((visit) => visit.from === 'digest')],
    ['initial JS', js.totalGzipBytes <= JS_GOAL_BYTES],
  ] as const) {
    if (!ok) process.stderr.write(`bench:client: ${what} misses its goal\n`);
  }
} finally {
  await browser.close();
  await relay.dispose();
}

function never(): never {
  throw new Error('the generated community cannot be read');
}
