import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DIRECTORY_LIMITS,
  type DirectoryQuery,
  matchesDirectoryQuery,
  parseDirectoryListing,
  ROOM_ID_PATTERN,
  type RoomStore,
} from '@ensemble/shared';
import { bearerOf, blobAccess } from '../blobs/blobAccess';
import { describeError, type Logger } from '../log';
import type { DirectoryStore, StoredListing } from './DirectoryStore';
import { pageLanguage, renderDirectoryPage } from './directoryPage';

export const DIRECTORY_PAGE_PATH = '/directory';
export const DIRECTORY_FEED_PATH = '/directory.json';
const LISTINGS_PREFIX = '/directory/listings/';
/** Most communities one relay lists (beyond: 507). */
export const MAX_LISTINGS = 10_000;

export interface DirectoryRoutesOptions {
  readonly directory: DirectoryStore;
  readonly rooms: RoomStore;
  readonly log: Logger;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
} as const;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...CORS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * The public directory (PROTOCOL.md "Directory"): `GET /directory` (HTML page with a
 * search form), `GET /directory.json` (feed), and for a community's writers
 * `PUT` / `DELETE /directory/listings/<roomId>`. Returns false for other paths.
 */
export function createDirectoryRoutes(
  options: DirectoryRoutesOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  return (req, res, path) => {
    const query = (): DirectoryQuery => {
      const params = new URL(req.url ?? '/', 'http://relay').searchParams;
      return { theme: params.get('theme') ?? '', city: params.get('city') ?? '' };
    };
    const matching = (q: DirectoryQuery): StoredListing[] =>
      options.directory
        .all()
        .filter((entry) => matchesDirectoryQuery(entry.listing, q))
        .sort((a, b) => a.listing.name.localeCompare(b.listing.name, 'fr'));
    if (path === DIRECTORY_FEED_PATH && req.method === 'GET') {
      const q = query();
      json(res, 200, {
        v: 1,
        communities: matching(q).map(({ id, publishedAt, listing }) => ({
          id,
          publishedAt,
          ...listing,
        })),
      });
      return true;
    }
    if (path === DIRECTORY_PAGE_PATH && req.method === 'GET') {
      const q = query();
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      });
      res.end(renderDirectoryPage(matching(q), q, pageLanguage(req.headers['accept-language'])));
      return true;
    }
    if (!path.startsWith(LISTINGS_PREFIX)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    const room = path.slice(LISTINGS_PREFIX.length);
    if (!ROOM_ID_PATTERN.test(room)) {
      json(res, 404, { ok: false, reason: 'not-found', detail: 'no such room' });
      return true;
    }
    if (req.method !== 'PUT' && req.method !== 'DELETE') {
      res.writeHead(405, { ...CORS, Allow: 'PUT, DELETE, OPTIONS' });
      res.end();
      return true;
    }
    publish(req, res, room).catch((error: unknown) => {
      options.log.error('directory.failed', { room, error: describeError(error) });
      if (!res.headersSent) json(res, 500, { ok: false, reason: 'internal-error', detail: '' });
    });
    return true;
  };

  async function publish(req: IncomingMessage, res: ServerResponse, room: string): Promise<void> {
    // [DIR5] Only the community's writers publish or withdraw its listing.
    const access = await blobAccess(options.rooms, room, bearerOf(req.headers.authorization));
    if (!access.ok || access.value !== 'write') {
      const reason = access.ok ? 'forbidden' : access.error;
      const status = reason === 'unauthenticated' ? 401 : reason === 'not-found' ? 404 : 403;
      res.setHeader('Connection', 'close');
      json(res, status, {
        ok: false,
        reason,
        detail: 'the community’s write capability is needed',
      });
      return;
    }
    if (req.method === 'DELETE') {
      await options.directory.delete(room);
      options.log.info('directory.withdrawn', { room });
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const body = await readText(req, DIRECTORY_LIMITS.bytes);
    if (body === undefined) {
      json(res, 413, { ok: false, reason: 'too-large', field: '' });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      json(res, 400, { ok: false, reason: 'not-json', field: '' });
      return;
    }
    const listing = parseDirectoryListing(value);
    if (!listing.ok) {
      json(res, 400, { ok: false, ...listing.error });
      return;
    }
    if (!options.directory.has(room) && options.directory.size >= MAX_LISTINGS) {
      json(res, 507, { ok: false, reason: 'directory-full', field: '' });
      return;
    }
    await options.directory.put(room, listing.value);
    options.log.info('directory.published', { room, events: listing.value.events.length });
    json(res, 200, { ok: true });
  }
}

export function readText(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > max) {
        if (!over) resolve(undefined);
        over = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}
