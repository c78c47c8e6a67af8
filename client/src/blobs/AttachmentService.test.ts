import 'fake-indexeddb/auto';
import {
  type AttachmentTarget,
  blobHashOf,
  type ChangeOutcome,
  type CommunityChange,
  type CommunityId,
  type DomainError,
  type ItemId,
  newCapability,
  newCommunityId,
  ok,
  type Result,
} from '@ensemble/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessStore } from '../storage/AccessStore';
import { type EnsembleDatabase, openEnsembleDatabase } from '../storage/EnsembleDatabase';
import { ValueStore } from '../util/ValueStore';
import { AttachmentService } from './AttachmentService';

let db: EnsembleDatabase | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

const target: AttachmentTarget = { kind: 'item', itemId: 'item-1' as ItemId };
const pdf = () =>
  new File([Uint8Array.from([0x25, 0x50, 0x44, 0x46, 1, 2, 3])], 'plan.pdf', {
    type: 'application/pdf',
  });

interface Call {
  readonly url: string;
  readonly method: string;
  readonly authorization: string | null;
  readonly body?: Uint8Array;
}

async function setup(
  answer: (call: Call) => Response | Promise<Response> = () => new Response(null, { status: 201 }),
) {
  db = openEnsembleDatabase(`attachments-${Math.random()}`);
  const id: CommunityId = newCommunityId();
  const capability = newCapability();
  await new AccessStore(db).save(id, { capability, readOnly: false });
  const network = new ValueStore(false);
  const changes: CommunityChange[] = [];
  const calls: Call[] = [];
  const fakeFetch = (async (url: string, init?: RequestInit) => {
    const body =
      init?.body instanceof Blob ? new Uint8Array(await init.body.arrayBuffer()) : undefined;
    const call: Call = {
      url,
      method: init?.method ?? 'GET',
      authorization: new Headers(init?.headers).get('Authorization'),
      ...(body ? { body } : {}),
    };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  const service = new AttachmentService({
    db,
    repository: {
      change: (_id: CommunityId, change: CommunityChange): Result<ChangeOutcome, DomainError> => {
        changes.push(change);
        return ok({ type: 'attachment', attachmentId: `att-${changes.length}` as never });
      },
    },
    relay: { url: () => 'ws://relay.test:8787/sync' },
    network,
    onError: () => undefined,
    fetch: fakeFetch,
  });
  return { id, capability, network, changes, calls, service, db };
}

describe('AttachmentService', () => {
  it('[ATT6] a file attached offline is on the device and in the document at once, sent once online', async () => {
    const { id, capability, network, changes, calls, service } = await setup();
    const added = await service.attach(id, target, pdf());
    expect(added.ok).toBe(true);
    const hash = blobHashOf(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 1, 2, 3]));
    expect(changes).toEqual([
      {
        type: 'addAttachment',
        target,
        blob: { type: 'application/pdf', name: 'plan.pdf', hash, size: 7 },
      },
    ]);
    expect((await service.read(id, hash)).ok).toBe(true);
    expect(calls).toEqual([]);
    expect(await service.cache.pending(id)).toHaveLength(1);

    network.set(true);
    await expect.poll(() => service.cache.pending(id)).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PUT',
      url: `http://relay.test:8787/blobs/${id}/${hash}`,
      authorization: `Bearer ${capability}`,
    });
    // The capability travels in a header, never in the URL.
    expect(calls[0]?.url).not.toContain(capability);
  });

  it('[ATT6] blobs added while a sending pass runs are sent too (no waiting for the next reconnection)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let first = true;
    const { id, network, calls, service } = await setup(async () => {
      if (first) {
        first = false;
        await gate;
      }
      return new Response(null, { status: 201 });
    });
    network.set(true);
    expect((await service.attach(id, target, pdf())).ok).toBe(true);
    await expect.poll(() => calls.length).toBe(1);
    // The first upload is held while three more files are attached.
    for (const name of ['a.txt', 'b.txt', 'c.txt']) {
      const file = new File([name], name, { type: 'text/plain' });
      expect((await service.attach(id, target, file)).ok).toBe(true);
    }
    release();
    await expect.poll(() => service.cache.pending(id)).toEqual([]);
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(4);
  });

  it('[ATT4] refuses a wrong type and an oversized file, storing and writing nothing', async () => {
    const { id, changes, service } = await setup();
    const exe = new File([Uint8Array.from([0x4d, 0x5a])], 'setup.exe', {
      type: 'application/x-msdownload',
    });
    expect(await service.attach(id, target, exe)).toEqual({ ok: false, error: 'unsupported-type' });
    const svg = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' });
    expect(await service.attach(id, target, svg)).toEqual({ ok: false, error: 'unsupported-type' });
    const big = new File([new Uint8Array(8 * 1024 * 1024 + 1)], 'gros.pdf', {
      type: 'application/pdf',
    });
    expect(await service.attach(id, target, big)).toEqual({ ok: false, error: 'too-large' });
    expect(changes).toEqual([]);
    expect(await service.cache.pending(id)).toEqual([]);
  });

  it('[ATT7] a full device gets device-full: nothing is added, what was stored stays', async () => {
    const { id, changes, service, db } = await setup();
    expect((await service.attach(id, target, pdf())).ok).toBe(true);
    const table = db.table('blobs');
    vi.spyOn(table, 'put').mockImplementation(() => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    });
    const other = new File(['notes'], 'notes.txt', { type: 'text/plain' });
    expect(await service.attach(id, target, other)).toEqual({ ok: false, error: 'device-full' });
    expect(changes).toHaveLength(1);
    vi.restoreAllMocks();
    expect(await db.table('blobs').count()).toBe(1);
    expect(await service.cache.pending(id)).toHaveLength(1);
  });

  it('[ATT8] a blob fetched from the relay that does not match its hash is refused and not kept', async () => {
    const good = Uint8Array.from([9, 8, 7]);
    const hash = blobHashOf(good);
    const { id, network, service, db } = await setup(
      () => new Response(Uint8Array.from([9, 8, 6]), { status: 200 }),
    );
    network.set(true);
    expect(await service.read(id, hash)).toEqual({ ok: false, error: 'damaged' });
    expect(await db.table('blobs').count()).toBe(0);
  });

  it('[ATT8] a blob the relay has is fetched, checked and kept; one it lacks is missing', async () => {
    const good = Uint8Array.from([1, 1, 2, 3, 5]);
    const hash = blobHashOf(good);
    const { id, network, service } = await setup((call) =>
      call.url.endsWith(hash)
        ? new Response(good, { status: 200 })
        : Response.json({ ok: false, reason: 'not-found' }, { status: 404 }),
    );
    expect(await service.read(id, hash)).toEqual({ ok: false, error: 'missing' });
    network.set(true);
    const read = await service.read(id, hash);
    expect(read.ok && [...read.value.bytes]).toEqual([...good]);
    expect(await service.read(id, blobHashOf(Uint8Array.from([0])))).toEqual({
      ok: false,
      error: 'missing',
    });
  });

  it('[ATT6] a relay refusal for good (quota) is kept and not retried; a network failure is retried', async () => {
    let answer: 'down' | 'quota' = 'down';
    const { id, network, calls, service } = await setup(() => {
      if (answer === 'down') throw new TypeError('Failed to fetch');
      return Response.json({ ok: false, reason: 'quota-exceeded' }, { status: 507 });
    });
    network.set(true);
    expect((await service.attach(id, target, pdf())).ok).toBe(true);
    await expect.poll(() => calls.length).toBe(1);
    await service.drain(id);
    expect(await service.cache.pending(id)).toHaveLength(1);
    answer = 'quota';
    await service.drain(id);
    expect(await service.cache.pending(id)).toEqual([]);
    expect([...(await service.refusals(id)).values()]).toEqual(['quota-exceeded']);
    const before = calls.length;
    await service.drain(id);
    expect(calls.length).toBe(before);
  });
});

describe('file rules', () => {
  it('[ATT4] knows a file by its extension when the browser gives no type', async () => {
    const { classifyFile, DEFAULT_ATTACH_LIMITS } = await import('./fileRules');
    expect(classifyFile({ name: 'IMG_1.JPG', type: '', size: 10 }, DEFAULT_ATTACH_LIMITS)).toEqual({
      ok: true,
      value: { kind: 'image', type: 'image/jpeg' },
    });
    expect(classifyFile({ name: 'a.bin', type: '', size: 10 }, DEFAULT_ATTACH_LIMITS).ok).toBe(
      false,
    );
  });
});
