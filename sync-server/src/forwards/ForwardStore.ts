import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ForwardReply,
  type ForwardShare,
  isShareId,
  parseForwardedPost,
  type StoredForwardReply,
} from '@ensemble/shared';

export interface StoredShare {
  readonly share: ForwardShare;
  readonly replies: readonly StoredForwardReply[];
}

/**
 * Forwarded posts (PROTOCOL.md "Forwarded requests"): one snapshot and one reply inbox per
 * share, a file each under `<data-dir>/forwards/<shareId>.json` (temporary file, synced,
 * renamed), held in memory. Without a data dir it lives in memory only. Expired shares are
 * dropped when met.
 */
export class ForwardStore {
  private readonly shares = new Map<string, StoredShare>();

  private constructor(private readonly dir: string | undefined) {}

  static async open(dataDir: string | undefined): Promise<ForwardStore> {
    if (dataDir === undefined) return new ForwardStore(undefined);
    const dir = join(dataDir, 'forwards');
    await mkdir(dir, { recursive: true });
    const store = new ForwardStore(dir);
    for (const name of await readdir(dir)) {
      const id = name.replace(/\.json$/, '');
      if (!name.endsWith('.json') || !isShareId(id)) continue;
      try {
        const saved = JSON.parse(await readFile(join(dir, name), 'utf8')) as StoredShare;
        if (parseForwardedPost(saved.share?.post).ok && Array.isArray(saved.replies)) {
          store.shares.set(id, saved);
        }
      } catch {
        // A damaged file is skipped: its author shares the post again.
      }
    }
    return store;
  }

  get size(): number {
    return this.shares.size;
  }

  /** The share, unless unknown; `expired` when its time is over (then it is deleted). */
  async get(id: string, now = Date.now()): Promise<StoredShare | 'expired' | undefined> {
    const stored = this.shares.get(id);
    if (stored === undefined) return undefined;
    if (Date.parse(stored.share.expiresAt) <= now) {
      await this.delete(id);
      return 'expired';
    }
    return stored;
  }

  async put(id: string, share: ForwardShare): Promise<void> {
    const previous = this.shares.get(id);
    await this.save(id, { share, replies: previous?.replies ?? [] });
  }

  async addReply(id: string, reply: ForwardReply, now = new Date()): Promise<StoredForwardReply> {
    const stored = this.shares.get(id);
    if (stored === undefined) throw new Error('no such share');
    const entry = { id: randomBytes(9).toString('base64url'), at: now.toISOString(), ...reply };
    await this.save(id, { share: stored.share, replies: [...stored.replies, entry] });
    return entry;
  }

  async delete(id: string): Promise<void> {
    if (this.dir !== undefined) await unlink(join(this.dir, `${id}.json`)).catch(() => undefined);
    this.shares.delete(id);
  }

  private async save(id: string, stored: StoredShare): Promise<void> {
    if (this.dir !== undefined) {
      const temp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(JSON.stringify(stored));
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temp, join(this.dir, `${id}.json`));
    }
    this.shares.set(id, stored);
  }
}
