import { err, ok, type Result } from '@ensemble/shared';
import { AttachError, type AttachLimits, fitWithin } from './fileRules';

export interface EncodedImage {
  readonly bytes: Uint8Array;
  readonly type: 'image/jpeg';
  readonly width: number;
  readonly height: number;
}

/**
 * Decodes a photo, resizes it (longest side at most `maxImageSide`) and re-encodes it as
 * JPEG on the device. Only pixels are kept: EXIF (camera, date, GPS position) does not
 * survive [ATT5]. Orientation from EXIF is applied first (createImageBitmap's default).
 * A file that cannot be decoded is `unreadable-image`.
 */
export async function encodeImage(
  file: Blob,
  limits: AttachLimits,
): Promise<Result<EncodedImage, AttachError>> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return err(AttachError.unreadableImage);
  }
  try {
    if (bitmap.width === 0 || bitmap.height === 0) return err(AttachError.unreadableImage);
    const { width, height } = fitWithin(bitmap.width, bitmap.height, limits.maxImageSide);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) return err(AttachError.unreadableImage);
    // Transparent areas become white, not black, in a JPEG.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', limits.jpegQuality),
    );
    if (!blob) return err(AttachError.unreadableImage);
    return ok({
      bytes: new Uint8Array(await blob.arrayBuffer()),
      type: 'image/jpeg',
      width,
      height,
    });
  } finally {
    bitmap.close();
  }
}
