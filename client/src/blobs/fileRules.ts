import { err, MAX_BLOB_NAME_LENGTH, ok, type Result } from '@ensemble/shared';

/** Why a chosen file is not attached. Stable strings: the UI translates them. */
export const AttachError = {
  /** Over the size this app accepts for its kind. */
  tooLarge: 'too-large',
  /** Not a photo or a document type we accept (an executable, an SVG, an unknown type…). */
  unsupportedType: 'unsupported-type',
  /** Says it is an image but cannot be decoded (damaged, or not really an image). */
  unreadableImage: 'unreadable-image',
  /** The device has no room left: nothing was added, nothing already stored was lost. */
  deviceFull: 'device-full',
  /** The device could not store it for another reason. */
  storageFailed: 'storage-failed',
  /** The document refused the reference (too many attachments, read-only…). */
  refused: 'refused',
} as const;
export type AttachError = (typeof AttachError)[keyof typeof AttachError];

export interface AttachLimits {
  /** Largest photo accepted before it is resized on the device. */
  readonly maxImageInputBytes: number;
  /** Largest other file (sent as is); at most the relay's per-blob limit. */
  readonly maxFileBytes: number;
  /** A photo's longest side after resizing, in pixels. */
  readonly maxImageSide: number;
  /** JPEG quality of re-encoded photos. */
  readonly jpegQuality: number;
}

export const DEFAULT_ATTACH_LIMITS: AttachLimits = {
  maxImageInputBytes: 40 * 1024 * 1024,
  maxFileBytes: 8 * 1024 * 1024,
  maxImageSide: 1600,
  jpegQuality: 0.85,
};

/** Photos we decode and re-encode (which strips EXIF, GPS position included). */
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** Other files we keep as they are: documents people share, nothing that runs. */
const FILE_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const FILE_TYPE_SET = new Set(Object.values(FILE_TYPES));
const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

export type FileKind =
  | { readonly kind: 'image'; readonly type: string }
  | { readonly kind: 'file'; readonly type: string };

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/**
 * [ATT4] What a chosen file is, and whether it may be attached: its declared type (or,
 * when the browser gives none, its extension) must be a photo or a document type we
 * accept, within the size for its kind.
 */
export function classifyFile(
  file: { readonly name: string; readonly type: string; readonly size: number },
  limits: AttachLimits,
): Result<FileKind, AttachError> {
  const extension = extensionOf(file.name);
  const type =
    file.type.toLowerCase() || IMAGE_EXTENSIONS[extension] || FILE_TYPES[extension] || '';
  if (IMAGE_TYPES.has(type)) {
    if (file.size > limits.maxImageInputBytes) return err(AttachError.tooLarge);
    return ok({ kind: 'image', type });
  }
  if (FILE_TYPE_SET.has(type)) {
    if (file.size > limits.maxFileBytes) return err(AttachError.tooLarge);
    return ok({ kind: 'file', type });
  }
  return err(AttachError.unsupportedType);
}

/** A name fit for a reference record: trimmed, at most the limit, never empty. */
export function attachmentName(name: string, fallback: string): string {
  const trimmed = [...name]
    .filter((char) => char.charCodeAt(0) >= 0x20)
    .join('')
    .trim();
  if (!trimmed) return fallback;
  return trimmed.length > MAX_BLOB_NAME_LENGTH ? trimmed.slice(-MAX_BLOB_NAME_LENGTH) : trimmed;
}

/** The photo's size once its longest side is at most `maxSide` (never enlarged). */
export function fitWithin(width: number, height: number, maxSide: number) {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
