import {
  type AttachmentId,
  type AttachmentTarget,
  type BlobHash,
  type BlobRef,
  BlobRefusal,
  blobHashOf,
  type CommunityId,
  communityDocId,
  err,
  ok,
  type Result,
} from '@ensemble/shared';
import type { CommunityRepository } from '../app/CommunityRepository';
import { AccessStore } from '../storage/AccessStore';
import type { EnsembleDatabase } from '../storage/EnsembleDatabase';
import { StorageError, StorageErrorReason } from '../storage/StorageError';
import type { NetworkStatus } from '../sync/NetworkStatus';
import type { RelaySetting } from '../sync/RelaySetting';
import { ValueStore } from '../util/ValueStore';
import { BlobCache, type BlobRow } from './BlobCache';
import { type BlobEndpoint, blobBaseUrl, downloadBlob, uploadBlob } from './blobHttp';
import { encodeImage } from './encodeImage';
import {
  AttachError,
  type AttachLimits,
  attachmentName,
  classifyFile,
  DEFAULT_ATTACH_LIMITS,
} from './fileRules';

export interface AttachmentServiceDeps {
  readonly db: EnsembleDatabase;
  readonly repository: Pick<CommunityRepository, 'change'>;
  readonly relay: Pick<RelaySetting, 'url'>;
  readonly network: Pick<NetworkStatus, 'get' | 'subscribe'>;
  readonly onError: (error: unknown) => void;
  readonly limits?: AttachLimits;
  readonly fetch?: typeof fetch;
}

/** Why a blob cannot be shown: not on this device nor on the relay (yet), or damaged. */
export type BlobMissing = 'missing' | 'damaged';

/** A permanent refusal by the relay (retrying cannot help). */
const FINAL: ReadonlySet<string> = new Set([
  BlobRefusal.tooLarge,
  BlobRefusal.quotaExceeded,
  BlobRefusal.hashMismatch,
  BlobRefusal.badHash,
]);

/**
 * Photos and files on this device: attaching (checked, photos resized and re-encoded,
 * kept in IndexedDB, referenced from the document, then sent to the relay when it can
 * be), and reading (from the device, else from the relay, checked against the hash).
 * An attachment added offline shows at once and is sent later.
 */
export class AttachmentService {
  readonly cache: BlobCache;
  /** Bumped whenever what waits to be sent (or was refused) changes. */
  readonly uploads = new ValueStore(0);
  private readonly access: AccessStore;
  private readonly limits: AttachLimits;
  private readonly draining = new Map<CommunityId, Promise<void>>();
  private readonly again = new Set<CommunityId>();

  constructor(private readonly deps: AttachmentServiceDeps) {
    this.cache = new BlobCache(deps.db);
    this.access = new AccessStore(deps.db);
    this.limits = deps.limits ?? DEFAULT_ATTACH_LIMITS;
    deps.network.subscribe(() => {
      if (deps.network.get()) this.drainAll();
    });
    // Blobs added before (offline, before a reload) go now if they can.
    this.drainAll();
  }

  /** [ATT4] [ATT5] [ATT6] Checks, prepares and keeps a file, then references it from the target. */
  async attach(
    communityId: CommunityId,
    target: AttachmentTarget,
    file: File,
  ): Promise<Result<AttachmentId, AttachError>> {
    const kind = classifyFile(file, this.limits);
    if (!kind.ok) return kind;
    let bytes: Uint8Array;
    let ref: Omit<BlobRef, 'hash' | 'size'>;
    if (kind.value.kind === 'image') {
      const image = await encodeImage(file, this.limits);
      if (!image.ok) return image;
      if (image.value.bytes.byteLength > this.limits.maxFileBytes) return err(AttachError.tooLarge);
      bytes = image.value.bytes;
      const base = attachmentName(file.name, 'photo').replace(/\.[^.]*$/, '');
      ref = {
        type: image.value.type,
        name: `${base || 'photo'}.jpg`,
        width: image.value.width,
        height: image.value.height,
      };
    } else {
      bytes = new Uint8Array(await file.arrayBuffer());
      ref = { type: kind.value.type, name: attachmentName(file.name, 'fichier') };
    }
    const hash = blobHashOf(bytes);
    try {
      // The bytes are on the device before the document names them: nothing shows broken.
      await this.cache.put({ hash, bytes, type: ref.type }, communityId);
    } catch (error) {
      const full =
        error instanceof StorageError && error.reason === StorageErrorReason.quotaExceeded;
      if (!full) this.deps.onError(error);
      return err(full ? AttachError.deviceFull : AttachError.storageFailed);
    }
    const added = this.deps.repository.change(communityId, {
      type: 'addAttachment',
      target,
      blob: { ...ref, hash, size: bytes.byteLength },
    });
    if (!added.ok || added.value.type !== 'attachment') {
      await this.cache.uploaded(communityId, hash).catch(this.deps.onError);
      return err(AttachError.refused);
    }
    this.bump();
    void this.drain(communityId);
    return ok(added.value.attachmentId);
  }

  /** The blob's bytes: from the device, else fetched from the relay (and kept). */
  async read(communityId: CommunityId, hash: BlobHash): Promise<Result<BlobRow, BlobMissing>> {
    const local = await this.cache.get(hash);
    if (local) return ok(local);
    const endpoint = await this.endpoint(communityId);
    if (!endpoint || !this.deps.network.get()) return err('missing');
    const fetched = await downloadBlob(endpoint, hash);
    if (!fetched.ok) return err(fetched.error === BlobRefusal.hashMismatch ? 'damaged' : 'missing');
    const row = { hash, bytes: fetched.value, type: 'application/octet-stream' };
    await this.cache.put(row).catch(this.deps.onError);
    return ok({ ...row, storedAt: Date.now() });
  }

  /** Hashes of this community's blobs the relay refused for good, with the reason. */
  refusals(communityId: CommunityId): Promise<ReadonlyMap<string, string>> {
    return this.cache.refusals(communityId);
  }

  /**
   * Sends this community's waiting blobs: one pass at a time per community, and one more
   * pass when blobs were added during it (they were not in its list).
   */
  drain(communityId: CommunityId): Promise<void> {
    const running = this.draining.get(communityId);
    if (running) {
      this.again.add(communityId);
      return running;
    }
    const passes = (async () => {
      do {
        this.again.delete(communityId);
        await this.sendPending(communityId);
      } while (this.again.has(communityId));
    })()
      .catch(this.deps.onError)
      .finally(() => this.draining.delete(communityId));
    this.draining.set(communityId, passes);
    return passes;
  }

  /** Hashes of this community's blobs not sent yet, and those the relay refused (with why). */
  async uploadState(communityId: CommunityId): Promise<{
    readonly waiting: ReadonlySet<string>;
    readonly refused: ReadonlyMap<string, string>;
  }> {
    const [pending, refused] = await Promise.all([
      this.cache.pending(communityId),
      this.cache.refusals(communityId),
    ]);
    return { waiting: new Set(pending.map((row) => row.hash)), refused };
  }

  private bump(): void {
    this.uploads.set(this.uploads.get() + 1);
  }

  private drainAll(): void {
    this.deps.db
      .table('blobUploads')
      .orderBy('[communityId+hash]')
      .uniqueKeys()
      .then((keys) => {
        const ids = new Set(
          keys.map((key) => (key as unknown as [string, string])[0] as CommunityId),
        );
        for (const id of ids) void this.drain(id);
      })
      .catch(this.deps.onError);
  }

  private async sendPending(communityId: CommunityId): Promise<void> {
    if (!this.deps.network.get()) return;
    const endpoint = await this.endpoint(communityId, true);
    if (!endpoint) return;
    for (const row of await this.cache.pending(communityId)) {
      const hash = row.hash as BlobHash;
      const blob = await this.cache.get(hash);
      if (!blob) {
        await this.cache.uploaded(communityId, hash);
        continue;
      }
      const sent = await uploadBlob(endpoint, hash, blob.bytes);
      if (sent.ok) await this.cache.uploaded(communityId, hash);
      else if (FINAL.has(sent.error)) await this.cache.refused(communityId, hash, sent.error);
      // Anything else (offline, relay restarting): kept, sent on the next pass.
      else return;
      this.bump();
    }
  }

  private async endpoint(
    communityId: CommunityId,
    write = false,
  ): Promise<BlobEndpoint | undefined> {
    const access = await this.access.get(communityId);
    if (!access || (write && access.readOnly)) return undefined;
    return {
      base: blobBaseUrl(this.deps.relay.url()),
      room: communityDocId(communityId),
      capability: access.capability,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
    };
  }
}
