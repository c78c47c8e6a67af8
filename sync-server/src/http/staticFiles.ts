import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { cacheControlFor, contentTypeFor } from './contentTypes';

interface Resolved {
  readonly filePath: string;
  readonly urlPath: string;
  readonly size: number;
  readonly mtime: Date;
}

/**
 * Serves the built PWA from `root`, with SPA fallback to /index.html for
 * navigation requests. Paths are decoded, normalised and checked to stay
 * inside the real root (symlinks included).
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  }
  const urlPath = decodePath(req.url ?? '/');
  if (urlPath === undefined) return plain(res, 400, 'bad request path');
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) {
    return plain(res, 404, 'the app is not built: run `pnpm build` or pass --static-dir');
  }
  let found = await resolveFile(realRoot, urlPath);
  if (found === undefined && isNavigation(req, urlPath)) {
    found = await resolveFile(realRoot, '/index.html');
  }
  if (found === undefined) return plain(res, 404, 'not found');
  res.writeHead(200, {
    'Content-Type': contentTypeFor(found.filePath),
    'Content-Length': found.size,
    'Cache-Control': cacheControlFor(found.urlPath),
    'Last-Modified': found.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(found.filePath);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

/** The decoded URL path, or undefined if it is not a safe absolute path. */
function decodePath(rawUrl: string): string | undefined {
  const pathname = rawUrl.split('?')[0]?.split('#')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\u0000') || decoded.includes('\\')) {
    return undefined;
  }
  return decoded;
}

async function resolveFile(realRoot: string, urlPath: string): Promise<Resolved | undefined> {
  const candidate = resolve(join(realRoot, urlPath));
  const target = urlPath.endsWith('/') ? join(candidate, 'index.html') : candidate;
  try {
    const real = await realpath(target);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    const servedPath = urlPath.endsWith('/') ? `${urlPath}index.html` : urlPath;
    return { filePath: real, urlPath: servedPath, size: info.size, mtime: info.mtime };
  } catch {
    return undefined;
  }
}

/** A browser navigation (not an asset): SPA routes fall back to index.html. */
function isNavigation(req: IncomingMessage, urlPath: string): boolean {
  const accept = req.headers.accept ?? '';
  const mode = req.headers['sec-fetch-mode'];
  const wantsHtml = mode === 'navigate' || accept.includes('text/html');
  const lastSegment = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return wantsHtml && extname(lastSegment) === '' && !urlPath.startsWith('/assets/');
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(`${text}\n`);
}
