import 'fake-indexeddb/auto';
import { blobHashOf, type EventId, yjsEngine } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobCache } from '../blobs/BlobCache';
import { ephemeralDeviceIdentity } from '../identity/DeviceIdentity';
import { AccessStore } from '../storage/AccessStore';
import { CommunityIndex } from '../storage/CommunityIndex';
import { DocumentStore } from '../storage/DocumentStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { NetworkStatus } from '../sync/NetworkStatus';
import type { SyncState } from '../sync/syncStatus';
import { ValueStore } from '../util/ValueStore';
import { attachedBlobBytes } from './BundleTransfer';
import { CommunityRepository } from './CommunityRepository';

const dbs: EnsembleDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function device() {
  const db = openEnsembleDatabase(`bundle-blobs-${Math.random()}`);
  dbs.push(db);
  const store = new DocumentStore(db, yjsEngine);
  const index = new CommunityIndex(db);
  const errors: unknown[] = [];
  const repository = new CommunityRepository({
    engine: yjsEngine,
    store,
    index,
    identity: ephemeralDeviceIdentity(),
    network: new NetworkStatus(),
    access: new AccessStore(db),
    connect: () => ({
      status: new ValueStore<SyncState>('offline'),
      refusal: new ValueStore(undefined),
      destroy: () => undefined,
    }),
    onBackgroundError: (error) => errors.push(error),
    lingerMs: 10,
  });
  return { repository, store, index, blobs: new BlobCache(db), errors };
}

const photo = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
const hash = blobHashOf(photo);

/** Alice's community with one event holding one photo, kept on her device. */
async function aliceWithPhoto() {
  const alice = device();
  const created = await alice.repository.createCommunity({
    name: 'Café des indépendants',
    description: '',
    city: 'Nantes',
  });
  if (!created.ok) throw new Error('not created');
  const id = created.value;
  const release = alice.repository.retain(id);
  const event = alice.repository.addEvent(id, {
    title: 'Apéro photo',
    start: '2030-06-12T18:30:00+02:00',
    end: '2030-06-12T21:00:00+02:00',
    timeZone: 'Europe/Paris',
    place: 'Nantes',
  });
  if (!event.ok) throw new Error(event.error.reason);
  const view = alice.repository.session(id).getView();
  const eventId = (view.status === 'ready' ? view.snapshot.events[0]?.id : undefined) as EventId;
  await alice.blobs.put({ hash, bytes: photo, type: 'image/jpeg' });
  const attached = alice.repository.change(id, {
    type: 'addAttachment',
    target: { kind: 'event', eventId },
    blob: { hash, size: photo.length, type: 'image/jpeg', name: 'apero.jpg' },
  });
  if (!attached.ok) throw new Error(attached.error.reason);
  return { alice, id, release };
}

describe('file bundles with photos and files on a device', () => {
  it('[BND10][BND12] blobs go in the file only on request and land in the blob table of a device that never reached the relay', async () => {
    const { alice, id, release } = await aliceWithPhoto();
    const doc = alice.repository.session(id).document;
    if (!doc) throw new Error('not loaded');
    expect(await attachedBlobBytes(doc, alice.blobs)).toEqual({
      count: 1,
      bytes: photo.length,
    });
    const plain = await alice.repository.exportBundle(id, 'test');
    const full = await alice.repository.exportBundle(id, 'test', alice.blobs);
    if (!plain || !full) throw new Error('not exported');
    expect(new DataView(plain.bytes.buffer).getUint16(8)).toBe(1);
    expect(new DataView(full.bytes.buffer).getUint16(8)).toBe(2);

    const bob = device();
    const imported = await bob.repository.importBundle(full.bytes, undefined, bob.blobs);
    expect(imported.ok).toBe(true);
    const row = await bob.blobs.get(hash);
    expect(row && [...row.bytes]).toEqual([...photo]);
    expect(row?.type).toBe('image/jpeg');
    expect(await bob.blobs.pending(id)).toEqual([]); // not queued for the relay

    // A file without blobs imports as before and keeps nothing in the blob table.
    const carol = device();
    const fromPlain = await carol.repository.importBundle(plain.bytes, undefined, carol.blobs);
    expect(fromPlain.ok && fromPlain.value.changes).toBeGreaterThan(0);
    expect(await carol.blobs.get(hash)).toBeUndefined();
    release();
    expect([...alice.errors, ...bob.errors, ...carol.errors]).toEqual([]);
  });

  it('[BND12] a file whose blob does not match its hash is refused and changes nothing', async () => {
    const { alice, id, release } = await aliceWithPhoto();
    const full = await alice.repository.exportBundle(id, 'test', alice.blobs);
    if (!full) throw new Error('not exported');
    const damaged = await flipLastBodyByte(full.bytes); // the photo's last byte
    const bob = device();
    const result = await bob.repository.importBundle(damaged, undefined, bob.blobs);
    expect(result.ok ? 'ok' : result.error.reason).toBe('corrupted');
    expect(!result.ok && result.error.reason === 'corrupted' && result.error.detail).toMatch(
      /^blob .* does not match its hash$/,
    );
    expect(await bob.blobs.get(hash)).toBeUndefined();
    expect(await bob.index.count()).toBe(0);
    // The intact file imports: the refusal came from the blob alone.
    const intact = await bob.repository.importBundle(full.bytes, undefined, bob.blobs);
    expect(intact.ok).toBe(true);
    expect(await bob.blobs.get(hash)).toBeDefined();
    release();
    expect([...alice.errors, ...bob.errors]).toEqual([]);
  });
});

const HEADER_BYTES = 50; // BND1: magic, version, two lengths, SHA-256

async function through(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const piped = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The last byte of a bundle's body is the last blob's: flip it, keep the outer checksums valid. */
async function flipLastBodyByte(bytes: Uint8Array): Promise<Uint8Array> {
  const body = await through(bytes.subarray(HEADER_BYTES), new DecompressionStream('deflate-raw'));
  body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0x01;
  const compressed = await through(body, new CompressionStream('deflate-raw'));
  const out = new Uint8Array(HEADER_BYTES + compressed.length);
  out.set(bytes.subarray(0, HEADER_BYTES));
  const view = new DataView(out.buffer);
  view.setUint32(10, compressed.length);
  view.setUint32(14, body.length);
  const sum = blobHashOf(compressed);
  for (let i = 0; i < 32; i++) out[18 + i] = Number.parseInt(sum.slice(i * 2, i * 2 + 2), 16);
  out.set(compressed, HEADER_BYTES);
  return out;
}
