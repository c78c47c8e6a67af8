import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BLOB_PATH_PREFIX,
  BLOB_REFUSAL_STATUS,
  type BlobLimits,
  BlobRefusal,
  type BlobStore,
  checkBlobSize,
  isBlobHash,
  ROOM_ID_PATTERN,
  type RoomStore,
} from '@ensemble/shared';
import { KeyedSerial } from '../access/KeyedSerial';
import { describeError, type Logger } from '../log';
import { bearerOf, blobAccess } from './blobAccess';

export interface BlobRoutesOptions {
  readonly blobs: BlobStore;
  /** Where the rooms' capability verifiers are (the access rules of the rooms). */
  readonly rooms: RoomStore;
  readonly limits: BlobLimits;
  readonly log: Logger;
}

/** Any origin may call (a PWA served elsewhere); the capability is a header, not a cookie. */
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, PUT, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
} as const;

/**
 * `/blobs/<roomId>/<sha-256 hex>` (PROTOCOL.md "Blobs"): GET downloads a blob, PUT uploads
 * one, with the room's capability in `Authorization: Bearer`. Returns false for other paths.
 */
export function createBlobRoutes(
  options: BlobRoutesOptions,
): (req: IncomingMessage, res: ServerResponse, path: string) => boolean {
  const perRoom = new KeyedSerial();
  const refuse = (res: ServerResponse, reason: BlobRefusal, detail: string): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(BLOB_REFUSAL_STATUS[reason], {
      ...CORS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(JSON.stringify({ ok: false, reason, detail }));
  };

  return (req, res, path) => {
    if (!path.startsWith(BLOB_PATH_PREFIX)) return false;
    const [room = '', hash = '', ...rest] = path.slice(BLOB_PATH_PREFIX.length).split('/');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return true;
    }
    if (!ROOM_ID_PATTERN.test(room) || rest.length > 0) {
      refuse(res, BlobRefusal.notFound, 'no such room');
      return true;
    }
    if (!isBlobHash(hash)) {
      refuse(res, BlobRefusal.badHash, 'a blob is named by its SHA-256 in lowercase hex');
      return true;
    }
    const handle = req.method === 'PUT' ? upload : req.method === 'GET' ? download : undefined;
    if (!handle) {
      res.writeHead(405, { ...CORS, Allow: 'GET, PUT, OPTIONS' });
      res.end();
      return true;
    }
    handle(req, res, room, hash).catch((error: unknown) => {
      options.log.error('blob.failed', { room, error: describeError(error) });
      refuse(res, BlobRefusal.internal, 'the relay could not handle this blob; try again later');
    });
    return true;
  };

  async function download(
    req: IncomingMessage,
    res: ServerResponse,
    room: string,
    hash: string & Parameters<BlobStore['get']>[1],
  ): Promise<void> {
    const access = await blobAccess(options.rooms, room, bearerOf(req.headers.authorization));
    if (!access.ok) return refuse(res, access.error, 'this capability does not open this room');
    const bytes = await options.blobs.get(room, hash);
    if (!bytes) return refuse(res, BlobRefusal.notFound, 'the relay does not have this blob');
    res.writeHead(200, {
      ...CORS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': bytes.byteLength,
      'Cache-Control': 'private, no-store',
    });
    res.end(bytes);
  }

  async function upload(
    req: IncomingMessage,
    res: ServerResponse,
    room: string,
    hash: string & Parameters<BlobStore['get']>[1],
  ): Promise<void> {
    const access = await blobAccess(options.rooms, room, bearerOf(req.headers.authorization));
    if (!access.ok)
      return refuseUpload(req, res, access.error, 'this capability does not open this room');
    if (access.value !== 'write') {
      return refuseUpload(
        req,
        res,
        BlobRefusal.forbidden,
        'read-only: this capability cannot add blobs',
      );
    }
    const { maxBlobBytes } = options.limits;
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > maxBlobBytes) {
      return refuseUpload(
        req,
        res,
        BlobRefusal.tooLarge,
        `a blob may hold ${maxBlobBytes} bytes at most`,
      );
    }
    const bytes = await readBody(req, maxBlobBytes);
    if (bytes === undefined) {
      return refuseUpload(
        req,
        res,
        BlobRefusal.tooLarge,
        `a blob may hold ${maxBlobBytes} bytes at most`,
      );
    }
    // One upload per room at a time: the quota check and the write go together.
    await perRoom.run(room, async () => {
      if (await options.blobs.has(room, hash)) {
        res.writeHead(200, { ...CORS, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      const fits = checkBlobSize(options.limits, bytes.byteLength, await options.blobs.usage(room));
      if (!fits.ok) {
        const detail =
          fits.error === 'too-large'
            ? `a blob may hold ${maxBlobBytes} bytes at most`
            : `this community's files are limited to ${options.limits.quotaBytes} bytes on this relay`;
        return refuse(res, fits.error, detail);
      }
      const stored = await options.blobs.put(room, hash, bytes);
      if (!stored.ok) {
        return refuse(res, BlobRefusal.hashMismatch, 'the bytes do not match the hash');
      }
      options.log.info('blob.stored', { room, bytes: bytes.byteLength });
      res.writeHead(stored.value.stored ? 201 : 200, { ...CORS, 'Cache-Control': 'no-store' });
      res.end();
    });
  }

  /** Refuses before reading the body; the connection closes so the body is not read. */
  function refuseUpload(
    _req: IncomingMessage,
    res: ServerResponse,
    reason: BlobRefusal,
    detail: string,
  ): void {
    res.setHeader('Connection', 'close');
    refuse(res, reason, detail);
  }
}

/** The request's body, or undefined as soon as it passes `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      total += chunk.byteLength;
      if (total > max) {
        over = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(new Uint8Array(Buffer.concat(chunks, total)));
    });
    req.on('error', reject);
  });
}
