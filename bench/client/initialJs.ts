import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface InitialJs {
  readonly files: readonly { readonly file: string; readonly gzipBytes: number }[];
  readonly totalGzipBytes: number;
  /** Initial files that mention Automerge (must be none). */
  readonly withAutomerge: readonly string[];
}

/** The entry script and every modulepreloaded chunk of dist/index.html, gzip -9. */
export function measureInitialJs(distDir: string): InitialJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const paths = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
  const files = paths.map((file) => {
    const bytes = readFileSync(join(distDir, file));
    return { file, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength, text: bytes.toString() };
  });
  return {
    files: files.map(({ file, gzipBytes }) => ({ file, gzipBytes })),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
    withAutomerge: files.filter((f) => /automerge/i.test(f.text)).map((f) => f.file),
  };
}
