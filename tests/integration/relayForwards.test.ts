import {
  capabilityVerifier,
  type ForwardedPost,
  newCapability,
  newForwardShare,
} from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const PRIVATE = 'SECRET-membre-Adresse-12-rue-des-Lilas';
const post: ForwardedPost = {
  kind: 'request',
  title: 'Qui peut prêter un projecteur ?',
  description: 'Pour la projection de samedi soir.',
  community: 'Entraide Croix-Rousse',
};
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Forwarded requests on the real relay process (PROTOCOL.md "Forwarded requests"). */
describe('relay process: forwarded requests', () => {
  let relay: RelayProcess;
  const clients: SyncClient[] = [];

  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  /** A claimed community room holding private text (members, other posts). */
  async function community(label: string) {
    const { room, capability } = newRoom(label);
    const readCapability = newCapability();
    const owner = openClient(relay.wsUrl, room, {
      capability,
      readVerifier: capabilityVerifier(readCapability),
    });
    clients.push(owner);
    await owner.synced();
    owner.items.push([PRIVATE, 'Autre annonce : vélo cargo à prêter']);
    return { room, capability, readCapability, owner };
  }
  const call = (path: string, method: string, bearer?: string, body?: unknown) =>
    fetch(`${relay.url}${path}`, {
      method,
      body: body === undefined ? null : JSON.stringify(body),
      headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` },
    });
  async function share(room: string, capability: string, expiresAt = inDays(7)) {
    const { shareId, capability: shareCap } = newForwardShare();
    const body = { v: 1, room, verifier: capabilityVerifier(shareCap), expiresAt, post };
    const put = await call(`/forwards/${shareId}`, 'PUT', capability, body);
    expect(put.status).toBe(200);
    return { shareId, shareCap };
  }

  it('[FWD-R1] the share shows that post only; a reply reaches the members; nothing else leaks', async () => {
    const { room, capability, readCapability, owner } = await community('fwd-only');
    const { shareId, shareCap } = await share(room, capability);
    const opened = await call(`/forwards/${shareId}`, 'GET', shareCap);
    expect(opened.status).toBe(200);
    const text = await opened.text();
    expect(JSON.parse(text)).toMatchObject({ v: 1, post });
    expect(text).not.toContain(PRIVATE);
    expect(text).not.toContain('vélo cargo');
    expect(text).not.toContain(room);
    const reply = {
      name: 'Zoé (voisine)',
      text: 'J’ai un projecteur, écrivez-moi : zoe@example.org',
    };
    expect((await call(`/forwards/${shareId}/replies`, 'POST', shareCap, reply)).status).toBe(201);
    // Members pull the inbox with the community's capability (write or read-only)...
    for (const cap of [capability, readCapability]) {
      const inbox = await call(`/forwards/${shareId}/replies`, 'GET', cap);
      expect(inbox.status).toBe(200);
      expect((await inbox.json()) as unknown).toMatchObject({ replies: [reply] });
    }
    // ...the share's holder cannot read the inbox, nor open the community's room.
    expect((await call(`/forwards/${shareId}/replies`, 'GET', shareCap)).status).toBe(403);
    const intruder = openClient(relay.wsUrl, room, { capability: shareCap });
    clients.push(intruder);
    expect((await intruder.closed()).code).toBe(4403);
    expect(intruder.items.toArray()).not.toContain(PRIVATE);
    expect(owner.items.toArray()).toContain(PRIVATE);
    // It survives a restart; the capability never appears in the relay's output.
    await relay.restart();
    expect((await call(`/forwards/${shareId}`, 'GET', shareCap)).status).toBe(200);
    expect(relay.output()).not.toContain(shareCap);
    expect(relay.output()).not.toContain(capability);
  });

  it('[FWD-R2] a wrong capability, none, or the community’s own is refused by the share', async () => {
    const { room, capability } = await community('fwd-wrong');
    const { shareId } = await share(room, capability);
    expect((await call(`/forwards/${shareId}`, 'GET')).status).toBe(401);
    expect((await call(`/forwards/${shareId}`, 'GET', newCapability())).status).toBe(403);
    expect((await call(`/forwards/${shareId}`, 'GET', capability)).status).toBe(403);
    const reply = { name: 'X', text: 'spam' };
    expect(
      (await call(`/forwards/${shareId}/replies`, 'POST', newCapability(), reply)).status,
    ).toBe(403);
    expect((await call(`/forwards/${shareId}/replies`, 'GET', newCapability())).status).toBe(403);
    expect(
      await (await call(`/forwards/${shareId}/replies`, 'GET', capability)).json(),
    ).toMatchObject({
      replies: [],
    });
  });

  it('[FWD-R3] only the community’s writers share or revoke; a revoked link is refused', async () => {
    const { room, capability, readCapability } = await community('fwd-revoke');
    const { shareId, capability: shareCap } = newForwardShare();
    const body = { v: 1, room, verifier: capabilityVerifier(shareCap), expiresAt: inDays(3), post };
    expect((await call(`/forwards/${shareId}`, 'PUT', undefined, body)).status).toBe(401);
    expect((await call(`/forwards/${shareId}`, 'PUT', readCapability, body)).status).toBe(403);
    expect((await call(`/forwards/${shareId}`, 'PUT', newCapability(), body)).status).toBe(403);
    const leaky = { ...body, post: { ...post, members: ['Ana'] } };
    const refused = await call(`/forwards/${shareId}`, 'PUT', capability, leaky);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ reason: 'unknown-field', field: 'post.members' });
    expect((await call(`/forwards/${shareId}`, 'GET', shareCap)).status).toBe(404);
    expect((await call(`/forwards/${shareId}`, 'PUT', capability, body)).status).toBe(200);
    expect((await call(`/forwards/${shareId}`, 'GET', shareCap)).status).toBe(200);
    expect((await call(`/forwards/${shareId}`, 'DELETE', readCapability)).status).toBe(403);
    expect((await call(`/forwards/${shareId}`, 'DELETE', shareCap)).status).toBe(403);
    expect((await call(`/forwards/${shareId}`, 'DELETE', capability)).status).toBe(204);
    expect((await call(`/forwards/${shareId}`, 'GET', shareCap)).status).toBe(404);
    const late = await call(`/forwards/${shareId}/replies`, 'POST', shareCap, {
      name: 'Z',
      text: 'oui',
    });
    expect(late.status).toBe(404);
    // Another community cannot take over a share id.
    const other = await community('fwd-takeover');
    const { shareId: taken } = await share(room, capability);
    const hijack = { ...body, room: other.room };
    expect((await call(`/forwards/${taken}`, 'PUT', other.capability, hijack)).status).toBe(403);
  });

  it('[FWD-R4] the relay refuses an expired link, and a share that expires at once or beyond 30 days', async () => {
    const { room, capability } = await community('fwd-expiry');
    const { shareId, capability: shareCap } = newForwardShare();
    const body = (expiresAt: string) => ({
      v: 1,
      room,
      verifier: capabilityVerifier(shareCap),
      expiresAt,
      post,
    });
    const past = await call(`/forwards/${shareId}`, 'PUT', capability, body(inDays(-1)));
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ reason: 'expired' });
    expect((await call(`/forwards/${shareId}`, 'PUT', capability, body(inDays(31)))).status).toBe(
      400,
    );
    const soon = new Date(Date.now() + 1500).toISOString();
    expect((await call(`/forwards/${shareId}`, 'PUT', capability, body(soon))).status).toBe(200);
    expect((await call(`/forwards/${shareId}`, 'GET', shareCap)).status).toBe(200);
    // Poll (deadline) until the relay's clock passes the expiry: then 410, replies refused.
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await call(`/forwards/${shareId}`, 'GET', shareCap)).status;
    }
    expect(status).toBe(410);
    const reply = await call(`/forwards/${shareId}/replies`, 'POST', shareCap, {
      name: 'Z',
      text: 'oui',
    });
    expect([404, 410]).toContain(reply.status);
    expect((await call(`/forwards/${shareId}/replies`, 'GET', capability)).status).toBe(404);
  });
});
