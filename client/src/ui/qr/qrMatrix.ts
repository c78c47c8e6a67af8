import qrcode from 'qrcode-generator';

/** Error correction: L recovers ~7% of the code, M ~15%, Q ~25%, H ~30%. */
export type QrCorrection = 'L' | 'M' | 'Q' | 'H';

/**
 * The modules of the smallest QR code (version 1 to 40) that holds `value` as bytes
 * (UTF-8), row by row, `true` for dark. Throws when the value does not fit at all
 * (about 2,900 bytes at L).
 */
export function qrMatrix(value: string, correction: QrCorrection): boolean[][] {
  // Type 0: the smallest version that holds the value.
  const qr = qrcode(0, correction);
  // The library keeps the low byte of each UTF-16 unit: hand it UTF-8 bytes, one a char.
  qr.addData(String.fromCharCode(...new TextEncoder().encode(value)), 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let row = 0; row < count; row++) {
    const cells: boolean[] = [];
    for (let col = 0; col < count; col++) cells.push(qr.isDark(row, col));
    rows.push(cells);
  }
  return rows;
}
