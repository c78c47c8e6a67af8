import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  capabilityVerifier,
  FORWARD_LIMITS,
  isShareId,
  parseForwardReply,
  parseForwardShare,
  type RoomStore,
  sameVerifier,
} from '@ensemble/shared';
import { bearerOf, blobAccess } from '../blobs/blobAccess';
import { readText } from '../directory/directoryRoutes';
import { describeError, type Logger } from '../log';
import type { ForwardStore, StoredShare } from './ForwardStore';

const PREFIX = '/forwards/';
/** Most shares one relay keeps (beyond: 507). */
export const MAX_SHARES = 100_000;

export interface ForwardRoutesOptions {
  readonly forwards: ForwardStore;
  readonly rooms: RoomStore;
  readonly log: Logger;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
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
 * Forwarded requests (PROTOCOL.md "Forwarded requests"):
 * - `PUT /forwards/<id>` / `DELETE /forwards/<id>`: the community's write capability;
 * - `GET /forwards/<id>/replies`: the community's capability (members pull the inbox);
 * - `GET /forwards/<id>` and `POST /forwards/<id>/replies`: the share capability, which
 *   opens that post and its inbox only, never the community's room [FWD-R1..R4].
 */
export function createForwardRoutes(
  options: ForwardRoutesOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  return (req, res, path) => {
    if (!path.startsWith(PREFIX)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    const [id = '', sub, ...rest] = path.slice(PREFIX.length).split('/');
    if (!isShareId(id) || rest.length > 0 || (sub !== undefined && sub !== 'replies')) {
      json(res, 404, { ok: false, reason: 'not-found' });
      return true;
    }
    handle(req, res, id, sub === 'replies').catch((error: unknown) => {
      options.log.error('forward.failed', { error: describeError(error) });
      if (!res.headersSent) json(res, 500, { ok: false, reason: 'internal-error' });
    });
    return true;
  };

  async function handle(req: IncomingMessage, res: ServerResponse, id: string, replies: boolean) {
    const bearer = bearerOf(req.headers.authorization);
    const method = req.method ?? 'GET';
    if (!replies && method === 'PUT') return publish(req, res, id, bearer);
    const found = await options.forwards.get(id);
    if (found === 'expired') return json(res, 410, { ok: false, reason: 'expired' });
    if (found === undefined) return json(res, 404, { ok: false, reason: 'not-found' });
    if (!replies && method === 'DELETE') {
      if (!(await isWriter(found.share.room, bearer, res))) return;
      await options.forwards.delete(id);
      options.log.info('forward.revoked', {});
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (replies && method === 'GET') {
      const access = await blobAccess(options.rooms, found.share.room, bearer);
      if (!access.ok) return refuse(res, access.error);
      return json(res, 200, { v: 1, replies: found.replies });
    }
    if (method !== 'GET' && method !== 'POST') {
      res.writeHead(405, { ...CORS, Allow: 'GET, PUT, POST, DELETE, OPTIONS' });
      res.end();
      return;
    }
    // [FWD-R2] The share capability: that post and its inbox, nothing else.
    if (!holdsShare(found, bearer, res)) return;
    if (!replies && method === 'GET') {
      return json(res, 200, { v: 1, expiresAt: found.share.expiresAt, post: found.share.post });
    }
    if (!replies || method !== 'POST') return json(res, 404, { ok: false, reason: 'not-found' });
    if (found.replies.length >= FORWARD_LIMITS.replies) {
      return json(res, 507, { ok: false, reason: 'inbox-full' });
    }
    const body = await readJson(req, res);
    if (body === undefined) return;
    const reply = parseForwardReply(body);
    if (!reply.ok) return json(res, 400, { ok: false, ...reply.error });
    const stored = await options.forwards.addReply(id, reply.value);
    options.log.info('forward.replied', {});
    json(res, 201, { ok: true, id: stored.id });
  }

  async function publish(req: IncomingMessage, res: ServerResponse, id: string, bearer?: string) {
    const body = await readJson(req, res);
    if (body === undefined) return;
    const share = parseForwardShare(body);
    if (!share.ok) return json(res, 400, { ok: false, ...share.error });
    if (!(await isWriter(share.value.room, bearer, res))) return;
    const existing = await options.forwards.get(id);
    if (typeof existing === 'object' && existing.share.room !== share.value.room) {
      return json(res, 403, { ok: false, reason: 'forbidden' });
    }
    if (existing === undefined && options.forwards.size >= MAX_SHARES) {
      return json(res, 507, { ok: false, reason: 'relay-full' });
    }
    await options.forwards.put(id, share.value);
    options.log.info('forward.published', {});
    json(res, 200, { ok: true });
  }

  async function isWriter(room: string, bearer: string | undefined, res: ServerResponse) {
    const access = await blobAccess(options.rooms, room, bearer);
    if (access.ok && access.value === 'write') return true;
    refuse(res, access.ok ? 'forbidden' : access.error);
    return false;
  }
}

function holdsShare(found: StoredShare, bearer: string | undefined, res: ServerResponse): boolean {
  if (bearer === undefined) {
    json(res, 401, { ok: false, reason: 'unauthenticated' });
    return false;
  }
  if (!sameVerifier(capabilityVerifier(bearer), found.share.verifier)) {
    json(res, 403, { ok: false, reason: 'forbidden' });
    return false;
  }
  return true;
}

function refuse(res: ServerResponse, reason: string): void {
  const status = reason === 'unauthenticated' ? 401 : reason === 'not-found' ? 404 : 403;
  res.setHeader('Connection', 'close');
  json(res, status, { ok: false, reason });
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const body = await readText(req, FORWARD_LIMITS.bytes);
  if (body === undefined) {
    json(res, 413, { ok: false, reason: 'too-large', field: '' });
    return undefined;
  }
  try {
    return JSON.parse(body) as unknown;
  } catch {
    json(res, 400, { ok: false, reason: 'not-json', field: '' });
    return undefined;
  }
}
