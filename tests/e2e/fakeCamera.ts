import { writeFileSync } from 'node:fs';
import { type Browser, chromium, type LaunchOptions, type Locator } from '@playwright/test';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`): the
 * element as it looks on screen (a QR code shown on a phone), centred on white in a
 * 640x480 frame. Y4M, 4:2:0; grey only, so the chroma planes are neutral.
 */
export async function writeCameraFile(element: Locator, path: string): Promise<void> {
  const png = (await element.screenshot()).toString('base64');
  // The page decodes the screenshot for us: its pixels, as grey levels.
  const { width, height, grey } = await element.page().evaluate(async (data) => {
    const blob = await (await fetch(`data:image/png;base64,${data}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const levels: number[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      const [red = 0, green = 0, blue = 0] = rgba.subarray(i, i + 3);
      levels.push(Math.round(0.299 * red + 0.587 * green + 0.114 * blue));
    }
    return { width: bitmap.width, height: bitmap.height, grey: levels };
  }, png);
  if (width > WIDTH || height > HEIGHT) throw new Error(`${width}x${height} does not fit`);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  const left = Math.floor((WIDTH - width) / 2);
  const top = Math.floor((HEIGHT - height) / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) luma[(top + y) * WIDTH + left + x] = grey[y * width + x] ?? 255;
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, Buffer.from('FRAME\n'), luma, chroma]));
}

/** Chromium whose camera films `videoFile` (permission granted without asking). */
export function launchWithCamera(base: LaunchOptions, videoFile: string): Promise<Browser> {
  return chromium.launch({
    ...base,
    args: [
      ...(base.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${videoFile}`,
    ],
  });
}
