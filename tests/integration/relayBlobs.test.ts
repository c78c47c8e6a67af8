import { blobHashOf, capabilityVerifier, newCapability } from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const KIB = 1024;

/** Photos and files on the real relay process: `/blobs/<room>/<hash>` (PROTOCOL.md "Blobs"). */
describe('relay process: blobs', () => {
  let relay: RelayProcess;
  const clients: SyncClient[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess({
      args: ['--max-blob-bytes', String(64 * KIB), '--blob-quota-bytes', String(100 * KIB)],
    });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  /** A community room claimed on the relay by its first writer (with a read-only capability too). */
  async function claimedRoom(label: string) {
    const { room, capability } = newRoom(label);
    const readCapability = newCapability();
    secrets.push(capability, readCapability, capabilityVerifier(capability));
    const owner = openClient(relay.wsUrl, room, {
      capability,
      readVerifier: capabilityVerifier(readCapability),
    });
    clients.push(owner);
    await owner.synced();
    return { room, capability, readCapability };
  }

  const put = (room: string, hash: string, bytes: Uint8Array, capability?: string) =>
    fetch(`${relay.url}/blobs/${room}/${hash}`, {
      method: 'PUT',
      body: Buffer.from(bytes),
      headers: capability === undefined ? {} : { Authorization: `Bearer ${capability}` },
    });
  const get = (room: string, hash: string, capability?: string) =>
    fetch(`${relay.url}/blobs/${room}/${hash}`, {
      headers: capability === undefined ? {} : { Authorization: `Bearer ${capability}` },
    });
  const reasonOf = async (response: Response) =>
    ((await response.json()) as { reason: string }).reason;
  const bytesOf = (n: number, seed: number) =>
    Uint8Array.from({ length: n }, (_, i) => (i * seed) & 0xff);

  it('[BLOB8] the write capability uploads and downloads; the read-only one downloads only', async () => {
    const { room, capability, readCapability } = await claimedRoom('blob-access');
    const photo = bytesOf(10 * KIB, 7);
    const hash = blobHashOf(photo);
    expect((await put(room, hash, photo, capability)).status).toBe(201);
    // Uploading it again changes nothing.
    expect((await put(room, hash, photo, capability)).status).toBe(200);
    const back = await get(room, hash, capability);
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(photo);
    const asReader = await get(room, hash, readCapability);
    expect(new Uint8Array(await asReader.arrayBuffer())).toEqual(photo);
    const other = bytesOf(KIB, 3);
    const refused = await put(room, blobHashOf(other), other, readCapability);
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).toBe('forbidden');
    expect((await get(room, blobHashOf(other), capability)).status).toBe(404);
  });

  it('[BLOB8] a stranger gets nothing: no capability 401, a wrong one 403, an unclaimed room 404', async () => {
    const { room, capability } = await claimedRoom('blob-stranger');
    const photo = bytesOf(KIB, 5);
    const hash = blobHashOf(photo);
    await put(room, hash, photo, capability);
    const none = await get(room, hash);
    expect(none.status).toBe(401);
    expect(await reasonOf(none)).toBe('unauthenticated');
    const wrong = await get(room, hash, newCapability());
    expect(wrong.status).toBe(403);
    expect((await put(room, hash, photo, newCapability())).status).toBe(403);
    const unclaimed = newRoom('blob-unclaimed');
    const missing = await put(unclaimed.room, hash, photo, unclaimed.capability);
    expect(missing.status).toBe(404);
    expect(await reasonOf(missing)).toBe('not-found');
  });

  it('[BLOB3] bytes that do not match their hash are refused and not stored; a bad hash too', async () => {
    const { room, capability } = await claimedRoom('blob-mismatch');
    const photo = bytesOf(4 * KIB, 11);
    const hash = blobHashOf(photo);
    const tampered = photo.slice();
    tampered[100] = (tampered[100] ?? 0) ^ 1;
    const refused = await put(room, hash, tampered, capability);
    expect(refused.status).toBe(422);
    expect(await reasonOf(refused)).toBe('hash-mismatch');
    expect((await get(room, hash, capability)).status).toBe(404);
    const bad = await put(room, 'not-a-hash', photo, capability);
    expect(bad.status).toBe(400);
    expect(await reasonOf(bad)).toBe('bad-hash');
  });

  it('[BLOB4] [BLOB5] a blob over the limit is refused (413), then one past the community quota (507)', async () => {
    const { room, capability } = await claimedRoom('blob-limits');
    const huge = bytesOf(64 * KIB + 1, 13);
    const tooLarge = await put(room, blobHashOf(huge), huge, capability);
    expect(tooLarge.status).toBe(413);
    expect(await reasonOf(tooLarge)).toBe('too-large');
    const first = bytesOf(60 * KIB, 17);
    expect((await put(room, blobHashOf(first), first, capability)).status).toBe(201);
    const second = bytesOf(50 * KIB, 19);
    const over = await put(room, blobHashOf(second), second, capability);
    expect(over.status).toBe(507);
    expect(await reasonOf(over)).toBe('quota-exceeded');
    // Another community has its own quota.
    const other = await claimedRoom('blob-limits-other');
    expect((await put(other.room, blobHashOf(second), second, other.capability)).status).toBe(201);
  });

  it('[BLOB7] stored blobs survive a SIGKILL of the relay; no capability ever reaches the logs', async () => {
    const { room, capability } = await claimedRoom('blob-durable');
    const photo = bytesOf(20 * KIB, 23);
    const hash = blobHashOf(photo);
    expect((await put(room, hash, photo, capability)).status).toBe(201);
    await relay.kill('SIGKILL');
    await relay.restart();
    const back = await get(room, hash, capability);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(photo);
    for (const secret of secrets) expect(relay.output()).not.toContain(secret);
  });
});
