import { relaySubprotocols } from '@ensemble/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom } from '../support/yjsClient';

/** Opens /sync (or /signal) as if through a proxy that reports `forwardedFor`. */
function connect(
  relay: RelayProcess,
  path: string,
  forwardedFor: string | undefined,
  protocols: readonly string[] = [],
): Promise<{ code: number } | 'open'> {
  const ws = new WebSocket(`ws://127.0.0.1:${relay.port}${path}`, [...protocols], {
    headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor },
  });
  sockets.push(ws);
  ws.on('error', () => undefined);
  // A refusal closes right after the upgrade; an admitted connection hears
  // from the relay: sync step 1 on /sync, the pong to a ping on /signal.
  return new Promise((resolve) => {
    ws.once('close', (code) => resolve({ code }));
    ws.once('message', () => resolve('open'));
    if (path === '/signal') ws.once('open', () => ws.send(JSON.stringify({ type: 'ping' })));
  });
}

const sockets: WebSocket[] = [];
let relay: RelayProcess | undefined;

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await relay?.dispose();
  relay = undefined;
});

describe('relay process: per-address limits behind a reverse proxy', () => {
  it('[LIM6] without --trust-proxy, X-Forwarded-For is ignored: every connection is the socket peer', async () => {
    relay = await startRelayProcess({ args: ['--max-connections-per-ip', '1', '--open-rooms'] });
    const { room } = newRoom('proxy-off');
    expect(await connect(relay, `/sync/${room}`, '198.51.100.1')).toBe('open');
    // A forged, different header does not buy a second slot.
    expect(await connect(relay, `/sync/${room}`, '198.51.100.2')).toEqual({ code: 4529 });
    expect(await connect(relay, '/signal', '198.51.100.3')).toEqual({ code: 4529 });
  });

  it("[LIM6] with --trust-proxy, the proxy's (last) X-Forwarded-For entry is the client's address", async () => {
    relay = await startRelayProcess({
      args: ['--max-connections-per-ip', '1', '--trust-proxy', '--open-rooms'],
    });
    const { room, capability } = newRoom('proxy-on');
    const protocols = relaySubprotocols({ capability });
    expect(await connect(relay, `/sync/${room}`, '198.51.100.1', protocols)).toBe('open');
    expect(await connect(relay, `/sync/${room}`, '198.51.100.2', protocols)).toBe('open');
    // Same client behind the proxy: over its limit, on /sync and on /signal.
    expect(await connect(relay, `/sync/${room}`, '198.51.100.1', protocols)).toEqual({
      code: 4529,
    });
    expect(await connect(relay, '/signal', '198.51.100.2')).toEqual({ code: 4529 });
    // A client-supplied first entry is not trusted: the proxy's entry counts.
    expect(await connect(relay, `/sync/${room}`, '203.0.113.9, 198.51.100.1', protocols)).toEqual({
      code: 4529,
    });
    expect(await connect(relay, '/signal', '198.51.100.1, 198.51.100.3')).toBe('open');
  });
});

describe('relay process: /signal limits are configurable', () => {
  it('[SIG8] --signal-max-topics and --signal-max-message-bytes apply to /signal', async () => {
    relay = await startRelayProcess({
      args: ['--signal-max-topics', '2', '--signal-max-message-bytes', '1024'],
    });
    const subscribe = (topics: number): Promise<{ code: number } | 'open'> => {
      const ws = new WebSocket(`ws://127.0.0.1:${relay?.port}/signal`);
      sockets.push(ws);
      ws.on('error', () => undefined);
      ws.once('open', () => {
        const topicIds = Array.from({ length: topics }, () => newRoom('t').room);
        ws.send(JSON.stringify({ type: 'subscribe', topics: topicIds }));
        ws.send(JSON.stringify({ type: 'ping' })); // answered only if the subscribe passed
      });
      return new Promise((resolve) => {
        ws.once('close', (code) => resolve({ code }));
        ws.once('message', () => resolve('open'));
      });
    };
    expect(await subscribe(2)).toBe('open');
    expect(await subscribe(3)).toEqual({ code: 4529 });
    const large = new WebSocket(`ws://127.0.0.1:${relay.port}/signal`);
    sockets.push(large);
    large.once('open', () => large.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(2000) })));
    const code = await new Promise<number>((resolve) => large.once('close', (c) => resolve(c)));
    expect(code).toBe(4413);
  });
});
