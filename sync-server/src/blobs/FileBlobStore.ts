import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type BlobHash,
  type BlobStore,
  BlobStoreClosedError,
  err,
  ok,
  type Result,
} from '@ensemble/shared';

/**
 * BlobStore on plain files, the relay's embedded blob store:
 *   <dataDir>/blobs/<scope hex>/<sha-256 hex>
 * where <scope hex> is the scope's (room id's) UTF-8 in hexadecimal, as for room logs.
 * A blob is written to a temporary file in the same folder, fdatasync'ed, renamed into
 * place, and the folder synced: a crash leaves the blob whole or absent, never a torn
 * file under its hash. The bytes are checked against the hash before anything is written
 * [BLOB3]. Each scope's usage is summed once from the folder, then kept up to date.
 */
export class FileBlobStore implements BlobStore {
  private closed = false;
  private readonly usageOf = new Map<string, Promise<number>>();
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(private readonly root: string) {}

  static async open(dataDir: string): Promise<FileBlobStore> {
    const root = join(dataDir, 'blobs');
    await mkdir(root, { recursive: true });
    return new FileBlobStore(root);
  }

  async put(
    scope: string,
    hash: BlobHash,
    bytes: Uint8Array,
  ): Promise<Result<{ readonly stored: boolean }, 'hash-mismatch'>> {
    this.check();
    return this.track(async () => {
      if (createHash('sha256').update(bytes).digest('hex') !== hash) return err('hash-mismatch');
      const dir = this.dirOf(scope);
      const target = join(dir, hash);
      if (await exists(target)) return ok({ stored: false });
      const usage = await this.cachedUsage(scope);
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      const file = await open(temp, 'wx');
      try {
        await file.writeFile(bytes);
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
      await syncDir(dir);
      this.usageOf.set(scope, Promise.resolve(usage + bytes.byteLength));
      return ok({ stored: true });
    });
  }

  async get(scope: string, hash: BlobHash): Promise<Uint8Array | undefined> {
    this.check();
    try {
      return new Uint8Array(await readFile(join(this.dirOf(scope), hash)));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async has(scope: string, hash: BlobHash): Promise<boolean> {
    this.check();
    return exists(join(this.dirOf(scope), hash));
  }

  async usage(scope: string): Promise<number> {
    this.check();
    return this.cachedUsage(scope);
  }

  private cachedUsage(scope: string): Promise<number> {
    let usage = this.usageOf.get(scope);
    if (!usage) {
      usage = sumFolder(this.dirOf(scope));
      this.usageOf.set(scope, usage);
      usage.catch(() => this.usageOf.delete(scope));
    }
    return usage;
  }

  async delete(scope: string, hash: BlobHash): Promise<void> {
    this.check();
    return this.track(async () => {
      const path = join(this.dirOf(scope), hash);
      const size = await stat(path).then(
        (s) => s.size,
        () => undefined,
      );
      if (size === undefined) return;
      const usage = await this.cachedUsage(scope);
      await unlink(path);
      this.usageOf.set(scope, Promise.resolve(Math.max(0, usage - size)));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
  }

  private dirOf(scope: string): string {
    if (scope.length === 0 || scope.includes('\u0000')) throw new RangeError('bad blob scope');
    return join(this.root, Buffer.from(scope, 'utf8').toString('hex'));
  }

  private track<T>(task: () => Promise<T>): Promise<T> {
    const running = task();
    this.pending.add(running);
    void running.finally(() => this.pending.delete(running)).catch(() => undefined);
    return running;
  }

  private check(): void {
    if (this.closed) throw new BlobStoreClosedError();
  }
}

const HASH_NAME = /^[0-9a-f]{64}$/;

async function sumFolder(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
  let total = 0;
  for (const name of names) {
    if (HASH_NAME.test(name)) total += (await stat(join(dir, name))).size;
  }
  return total;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
