import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type DirectoryListing, parseDirectoryListing } from '@ensemble/shared';

/** A listing as the relay serves it: an opaque id (not the room id) and when it was published. */
export interface StoredListing {
  readonly id: string;
  readonly publishedAt: string;
  readonly listing: DirectoryListing;
}

/**
 * The relay's public directory: the listings communities chose to publish, one file per
 * community under `<data-dir>/directory/<room hex>.json` (written to a temporary file,
 * synced, renamed), all held in memory (a few KiB each) to answer searches. Without a
 * data dir (a store given to startRelay) it lives in memory only.
 */
export class DirectoryStore {
  private readonly listings = new Map<string, StoredListing>();

  private constructor(private readonly dir: string | undefined) {}

  static async open(dataDir: string | undefined): Promise<DirectoryStore> {
    if (dataDir === undefined) return new DirectoryStore(undefined);
    const dir = join(dataDir, 'directory');
    await mkdir(dir, { recursive: true });
    const store = new DirectoryStore(dir);
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const saved = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
          room?: unknown;
          publishedAt?: unknown;
          listing?: unknown;
        };
        const listing = parseDirectoryListing(saved.listing);
        if (typeof saved.room === 'string' && typeof saved.publishedAt === 'string' && listing.ok) {
          store.listings.set(saved.room, {
            id: listingId(saved.room),
            publishedAt: saved.publishedAt,
            listing: listing.value,
          });
        }
      } catch {
        // A damaged file is skipped: its community publishes again.
      }
    }
    return store;
  }

  all(): StoredListing[] {
    return [...this.listings.values()];
  }

  get size(): number {
    return this.listings.size;
  }

  has(room: string): boolean {
    return this.listings.has(room);
  }

  async put(room: string, listing: DirectoryListing, now = new Date()): Promise<void> {
    const stored = { id: listingId(room), publishedAt: now.toISOString(), listing };
    if (this.dir !== undefined) {
      const temp = join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(JSON.stringify({ room, publishedAt: stored.publishedAt, listing }));
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temp, this.fileOf(room));
    }
    this.listings.set(room, stored);
  }

  async delete(room: string): Promise<void> {
    if (this.dir !== undefined) await unlink(this.fileOf(room)).catch(() => undefined);
    this.listings.delete(room);
  }

  private fileOf(room: string): string {
    return join(this.dir ?? '', `${Buffer.from(room, 'utf8').toString('hex')}.json`);
  }
}

/** An id for links and anchors that does not reveal the room id. */
function listingId(room: string): string {
  return createHash('sha256').update(`ensemble-directory:${room}`).digest('hex').slice(0, 16);
}
