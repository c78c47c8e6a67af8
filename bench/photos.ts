/**
 * bench:photos: 200 photos in a community. (1) The relay serving them to 50 clients:
 * its memory (bench/photos/relayPhotos.ts). (2) The gallery's first paint from
 * IndexedDB in Chromium (bench/photos/galleryPaint.ts).
 *
 * Run: pnpm bench:photos   (BENCH_PHOTOS, BENCH_CLIENTS, BENCH_PHOTO_BYTES, BENCH_RUNS)
 */
import { benchGalleryPaint } from './photos/galleryPaint';
import { benchRelayPhotos } from './photos/relayPhotos';

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const gallery = await benchGalleryPaint();
const relay = await benchRelayPhotos();
console.log(
  JSON.stringify(
    {
      gallery,
      relay: Object.fromEntries(
        Object.entries(relay).map(([key, value]) => [
          key,
          typeof value === 'number' ? round(value) : value,
        ]),
      ),
    },
    null,
    2,
  ),
);
