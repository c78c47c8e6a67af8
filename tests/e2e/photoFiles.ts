import type { Page } from '@playwright/test';

/** The APP1 "Exif\0\0" header: present in a camera photo, absent once re-encoded. */
export const EXIF_HEADER = Buffer.from('Exif\u0000\u0000', 'latin1');

/**
 * An EXIF block (little-endian TIFF) whose IFD0 points to a GPS IFD holding a position
 * (45°45'N, 4°50'E: Lyon), as a phone camera writes it.
 */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(26 + 2 + 4 * 12 + 4 + 2 * 24);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825) -> the GPS IFD at 26.
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD: LatitudeRef N, Latitude, LongitudeRef E, Longitude.
  const rationals = 26 + 2 + 4 * 12 + 4;
  const entries: [number, number, number, number][] = [
    [0x0001, 2, 2, 0x4e], // 'N\0' inline
    [0x0002, 5, 3, rationals],
    [0x0003, 2, 2, 0x45], // 'E\0' inline
    [0x0004, 5, 3, rationals + 24],
  ];
  tiff.writeUInt16LE(entries.length, 26);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 28 + i * 12;
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  });
  tiff.writeUInt32LE(0, 28 + entries.length * 12);
  const degrees = [
    [45, 1, 45, 1, 0, 1],
    [4, 1, 50, 1, 0, 1],
  ];
  degrees.forEach((values, i) => {
    values.forEach((v, j) => {
      tiff.writeUInt32LE(v, rationals + i * 24 + j * 4);
    });
  });
  const body = Buffer.concat([EXIF_HEADER, tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, body]);
}

/** A real JPEG (drawn by the browser, 2400x1800) carrying an EXIF GPS position. */
export async function photoWithGps(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    const gradient = context.createLinearGradient(0, 0, 2400, 1800);
    gradient.addColorStop(0, '#1d6fa5');
    gradient.addColorStop(1, '#f2b134');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 2400, 1800);
    return canvas.toDataURL('image/jpeg', 0.9);
  });
  const jpeg = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  // SOI, then our APP1 EXIF segment, then the rest of the file.
  return Buffer.concat([jpeg.subarray(0, 2), exifWithGps(), jpeg.subarray(2)]);
}

/** Every blob kept in this page's IndexedDB (the app's `blobs` table), as bytes. */
export async function storedBlobs(page: Page): Promise<Buffer[]> {
  const rows = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('ensemble');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const all = await new Promise<{ bytes: Uint8Array }[]>((resolve, reject) => {
        const request = db.transaction('blobs').objectStore('blobs').getAll();
        request.onsuccess = () => resolve(request.result as { bytes: Uint8Array }[]);
        request.onerror = () => reject(request.error);
      });
      return all.map((row) => Array.from(row.bytes));
    } finally {
      db.close();
    }
  });
  return rows.map((bytes) => Buffer.from(bytes));
}
