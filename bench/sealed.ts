/**
 * bench:sealed — the cost of sealing, open vs sealed side by side in one run:
 * (a) relay CPU per update and bytes on the wire: the REAL relay process; one writer sends
 *     N small Yjs updates (a post each) to an open room (/sync) and as envelopes to a sealed
 *     community (/sealed); one reader receives them all; relay CPU from /proc/<pid>/stat.
 * (b) client load time of the large community (bench:domain's, ~6.5 MB at scale 1): open =
 *     Y.applyUpdate of the encoded state; sealed = verify + decrypt one snapshot envelope,
 *     then the same applyUpdate. Plus the per-envelope client cost of N small updates.
 * Run: pnpm bench:sealed   (SCALE=0.25 for a quicker run; N=3000 updates by default)
 */

import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  createAdmit,
  createGenesis,
  createJoinRequest,
  createSponsor,
  decodeOp,
  encodeWireMessage,
  generateDeviceKeys,
  newCapability,
  openEnvelope,
  randomId128,
  relaySubprotocols,
  requestHash,
  roomKey,
  sealEnvelope,
  verifyLog,
  yjsEngine,
} from '../shared/src/index';
import { startRelayProcess } from '../tests/support/relayProcess';
import { sealedClient } from '../tests/support/sealedClient';
import { buildLargeCommunity } from './client/largeCommunity';
import { cpuSeconds, round2 } from './relay/measure';

const N = Number(process.env.N ?? 3000);
const SCALE = Number(process.env.SCALE ?? 1);
const ROOM = 'home';
const RUNS = Number(process.env.RUNS ?? 11);

function smallUpdates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const posts = doc.getArray<string>('posts');
  for (let i = 0; i < n; i++) posts.push([`Qui peut prêter un projecteur ? #${i}`]);
  return out;
}

async function until(check: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function openWs(url: string, protocols: string[]): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function relayCost(updates: Uint8Array[]) {
  // The per-connection message rate limit (200/s) would close a bulk writer: lifted here.
  const relay = await startRelayProcess({ args: ['--max-messages-per-second', '1000000'] });
  try {
    const pid = relay.pid() as number;
    // open room
    const room = randomId128();
    const capability = newCapability();
    const url = `${relay.wsUrl}/${room}`;
    const writer = await openWs(url, relaySubprotocols({ capability }));
    // the first writer claims the room: let it finish before the reader comes
    await new Promise((r) => writer.once('message', r));
    const reader = await openWs(url, relaySubprotocols({ capability }));
    let received = 0;
    reader.on('message', (d) => {
      const b = new Uint8Array(d as Buffer);
      if (b[0] === 0 && b[1] === 2) received++;
    });
    await new Promise((r) => setTimeout(r, 300));
    const frames = updates.map((update) => encodeWireMessage({ type: 'syncUpdate', update }));
    const openBytes = frames.reduce((s, f) => s + f.length, 0);
    let cpu0 = cpuSeconds(pid);
    for (const f of frames) writer.send(f);
    await until(() => received >= updates.length, `open broadcasts (${received})`);
    const openCpu = cpuSeconds(pid) - cpu0;
    writer.close();
    reader.close();

    // sealed community: founder (writer) and one member (reader)
    const id = randomId128();
    const founder = await generateDeviceKeys();
    const f = await sealedClient(relay.url, id, founder);
    const g = await createGenesis(founder, id, 1, Date.now());
    f.appendOp(g.op);
    const member = await generateDeviceKeys();
    const request = await createJoinRequest(member, id, Date.now(), 3_600_000);
    const state = async (count: number) => {
      await until(() => f.ops.filter(Boolean).length >= count, 'ops');
      const v = await verifyLog(
        f.ops.map((b) => {
          const d = decodeOp(b);
          if (!d.ok) throw new Error(d.error.reason);
          return d.value;
        }),
      );
      if (!v.ok) throw new Error(v.error.reason);
      return v.value;
    };
    f.appendOp(
      await createSponsor(
        await state(1),
        founder,
        await requestHash(request),
        Date.now() + 3_600_000,
        Date.now(),
      ),
    );
    f.appendOp(await createAdmit(await state(2), founder, request, g.secret, Date.now()));
    await state(3);
    const m = await sealedClient(relay.url, id, member);
    const key = await roomKey(g.secret, id, ROOM, 0);
    const envelopes: Uint8Array[] = [];
    for (const [i, u] of updates.entries()) {
      envelopes.push(
        await sealEnvelope(
          { community: id, room: ROOM, epoch: 0, counter: i + 1 },
          u,
          key,
          founder,
        ),
      );
    }
    const sealedBytes = envelopes.reduce((s, e) => s + e.length + 5, 0); // + tag and chunk length
    await new Promise((r) => setTimeout(r, 300));
    cpu0 = cpuSeconds(pid);
    for (const e of envelopes) f.put(e);
    await until(() => m.envelopes.length >= updates.length, 'sealed broadcasts');
    const sealedCpu = cpuSeconds(pid) - cpu0;
    f.close();
    m.close();
    const plain = updates.reduce((s, u) => s + u.length, 0);
    return { openCpu, sealedCpu, openBytes, sealedBytes, plain, envelopes, key, id };
  } finally {
    await relay.dispose();
  }
}

async function time<T>(fn: () => Promise<T> | T, runs = 5): Promise<number> {
  await fn(); // warm-up (JIT), not counted
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

async function main() {
  const updates = smallUpdates(N);
  const r = await relayCost(updates);
  const perUpdate = (s: number) => round2((s * 1e6) / N);
  console.log(`(a) relay CPU per update, ${N} small updates, one writer, one reader`);
  console.log(`    open   : ${perUpdate(r.openCpu)} µs/update  (${round2(r.openCpu)} s CPU)`);
  console.log(
    `    sealed : ${perUpdate(r.sealedCpu)} µs/update  (${round2(r.sealedCpu)} s CPU)  ratio ${round2(r.sealedCpu / r.openCpu)}x`,
  );
  console.log(
    `    bytes on the wire per update (writer to relay): open ${round2(r.openBytes / N)}, sealed ${round2(r.sealedBytes / N)} (Yjs update itself ${round2(r.plain / N)})`,
  );

  // client cost per small envelope (verify + decrypt, room key cached) vs applying the update
  const opened = await time(async () => {
    for (const e of r.envelopes) {
      const o = await openEnvelope(e, { community: r.id, room: ROOM }, async () => r.key);
      if (!o.ok) throw new Error(o.error.reason);
    }
  }, 3);
  console.log(
    `    client: open ${N} small envelopes ${round2(opened)} ms (${round2((opened * 1000) / N)} µs each)`,
  );

  const large = buildLargeCommunity(SCALE, Date.now());
  const encoded = large.doc.encodeState();
  const device = await generateDeviceKeys();
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const snapKey = await roomKey(secret, 'bench', ROOM, 0);
  const snapshot = await sealEnvelope(
    { community: 'bench', room: ROOM, epoch: 0, counter: 1 },
    encoded,
    snapKey,
    device,
  );
  const loadOpen = () => yjsEngine.load('x' as never, [encoded]).destroy();
  const loadSealed = async () => {
    const o = await openEnvelope(snapshot, { community: 'bench', room: ROOM }, async () =>
      roomKey(secret, 'bench', ROOM, 0),
    );
    if (!o.ok) throw new Error(o.error.reason);
    yjsEngine.load('x' as never, [o.value.plaintext]).destroy();
  };
  // Interleaved (open, sealed, open, ...) so machine noise and GC hit both alike.
  const opens: number[] = [];
  const sealeds: number[] = [];
  await loadSealed();
  loadOpen();
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    loadOpen();
    opens.push(performance.now() - t0);
    t0 = performance.now();
    await loadSealed();
    sealeds.push(performance.now() - t0);
  }
  const median = (xs: number[]) =>
    [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
  const openLoad = median(opens);
  const sealedLoad = median(sealeds);
  console.log(
    `(b) client load of the large community (scale ${SCALE}, ${round2(encoded.length / 1e6)} MB), median of ${RUNS}, interleaved`,
  );
  console.log(`    open   : ${round2(openLoad)} ms`);
  console.log(
    `    sealed : ${round2(sealedLoad)} ms  ratio ${round2(sealedLoad / openLoad)}x (goal <= 1.5x); envelope overhead ${snapshot.length - encoded.length} B`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.warn(e);
    process.exit(1);
  },
);
