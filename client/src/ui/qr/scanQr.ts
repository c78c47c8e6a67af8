import jsQR from 'jsqr';

/** The platform's BarcodeDetector (Chromium on Android, macOS…), where it exists. */
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<readonly { rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorLike | undefined {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    return new Detector({ formats: ['qr_code'] });
  } catch {
    return undefined;
  }
}

/**
 * The text of the QR code in an image (a photo, a screenshot, a camera frame), or
 * undefined when none is found. BarcodeDetector where the platform has one, else jsQR.
 */
export async function scanQrFromImage(
  source: Blob | ImageBitmap | HTMLVideoElement | HTMLCanvasElement,
): Promise<string | undefined> {
  const detector = barcodeDetector();
  if (detector) {
    try {
      const found = await detector.detect(source);
      if (found[0]?.rawValue) return found[0].rawValue;
    } catch {
      // Some platforms list the API without a working backend: fall back to jsQR.
    }
  }
  return scanWithJsQr(source);
}

async function scanWithJsQr(
  source: Blob | ImageBitmap | HTMLVideoElement | HTMLCanvasElement,
): Promise<string | undefined> {
  const bitmap = source instanceof Blob ? await createImageBitmap(source) : source;
  const width = bitmap instanceof HTMLVideoElement ? bitmap.videoWidth : bitmap.width;
  const height = bitmap instanceof HTMLVideoElement ? bitmap.videoHeight : bitmap.height;
  if (!width || !height) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  // jsQR wants dark modules on a light background with some margin: paint white first.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  if (source instanceof Blob && bitmap instanceof ImageBitmap) bitmap.close();
  const image = context.getImageData(0, 0, width, height);
  return jsQR(image.data, width, height, { inversionAttempts: 'attemptBoth' })?.data;
}
