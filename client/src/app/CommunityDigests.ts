import type { CommunityId, CommunitySnapshot } from '@ensemble/shared';
import type { DigestStore } from '../storage/DigestStore';
import { type CommunityDigest, DIGEST_FORMAT, parseDigest } from './communityDigest';

/**
 * Reads and keeps up to date the digests of the communities open on this device. A write
 * is off the critical path: after a change, at most one per `delayMs` (a steady stream of
 * remote changes still gets written), computed from the latest snapshot at that time, and
 * skipped when the digest would not change.
 */
export class CommunityDigests {
  private readonly written = new Map<CommunityId, CommunityDigest>();
  private readonly pending = new Map<CommunityId, () => CommunitySnapshot | undefined>();
  private readonly timers = new Map<CommunityId, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: DigestStore,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 1_000,
  ) {}

  /**
   * The digest of `id` stored on this device, if it is of this app's format and for `id`
   * (undefined when it cannot be read: the failure goes to `onError`).
   */
  async read(id: CommunityId): Promise<CommunityDigest | undefined> {
    let stored: unknown;
    try {
      stored = await this.store.read(id, DIGEST_FORMAT);
    } catch (error) {
      this.onError(error);
      return undefined;
    }
    const digest = parseDigest(stored, id);
    // What is stored now: an unreadable (other format) digest gets rewritten even if unchanged.
    if (digest) this.written.set(id, digest);
    else this.written.delete(id);
    return digest;
  }

  /** After a change of `id`: its digest is rewritten from `snapshot()` within `delayMs`. */
  schedule(id: CommunityId, snapshot: () => CommunitySnapshot | undefined): void {
    this.pending.set(id, snapshot);
    if (this.timers.has(id)) return;
    this.timers.set(
      id,
      setTimeout(() => {
        this.flush(id).catch(this.onError);
      }, this.delayMs),
    );
  }

  /** Writes a scheduled digest now; resolves once it is stored (or was not needed). */
  async flush(id: CommunityId): Promise<void> {
    const timer = this.timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(id);
    const snapshot = this.pending.get(id)?.();
    this.pending.delete(id);
    if (!snapshot || snapshot.id !== id || !snapshot.profile.name) return;
    const { digestOf, sameDigest } = await import('./digestOf');
    const digest = digestOf(snapshot, new Date());
    if (sameDigest(this.written.get(id), digest)) return;
    this.written.set(id, digest);
    try {
      await this.store.write(id, DIGEST_FORMAT, digest);
    } catch (error) {
      this.written.delete(id);
      this.onError(error);
    }
  }
}
