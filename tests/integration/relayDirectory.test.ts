import { capabilityVerifier, newCapability } from '@ensemble/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, type SyncClient } from '../support/yjsClient';

const listing = (name: string, city: string, themes: string[]) => ({
  v: 1,
  name,
  city,
  themes,
  events: [
    {
      title: 'Atelier réparation',
      start: '2030-03-02T14:00:00.000Z',
      end: '2030-03-02T17:00:00.000Z',
      place: 'MJC',
    },
  ],
  join: { kind: 'sponsorship', contact: 'Demandez à un membre au marché' },
});

/** The public directory on the real relay process (PROTOCOL.md "Directory"). */
describe('relay process: public directory', () => {
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

  async function claimedRoom(label: string) {
    const { room, capability } = newRoom(label);
    const readCapability = newCapability();
    const owner = openClient(relay.wsUrl, room, {
      capability,
      readVerifier: capabilityVerifier(readCapability),
    });
    clients.push(owner);
    await owner.synced();
    return { room, capability, readCapability };
  }
  const publish = (room: string, body: unknown, capability?: string, method = 'PUT') =>
    fetch(`${relay.url}/directory/listings/${room}`, {
      method,
      body: method === 'PUT' ? JSON.stringify(body) : null,
      headers: capability === undefined ? {} : { Authorization: `Bearer ${capability}` },
    });
  const feed = async (query = '') =>
    (await (await fetch(`${relay.url}/directory.json${query}`)).json()) as {
      communities: { id: string; name: string }[];
    };

  it('[DIR5] a writer publishes; the feed and the page find it by theme and city; it survives a restart', async () => {
    const { room, capability } = await claimedRoom('dir-publish');
    expect((await publish(room, listing('Vélorution', 'Lyon', ['vélo']), capability)).status).toBe(
      200,
    );
    const other = await claimedRoom('dir-other');
    await publish(other.room, listing('Jardins partagés', 'Lyon', ['jardinage']), other.capability);
    const found = await feed('?theme=velo&city=lyon');
    expect(found.communities.map((c) => c.name)).toEqual(['Vélorution']);
    // The feed names listings by an opaque id, never by their room id.
    expect(JSON.stringify(await feed())).not.toContain(room);
    const page = await fetch(`${relay.url}/directory?theme=jardin`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = await page.text();
    expect(text).toContain('Jardins partagés');
    expect(text).not.toContain('Vélorution');
    await relay.restart();
    expect((await feed('?theme=v%C3%A9lo')).communities.map((c) => c.name)).toEqual(['Vélorution']);
  });

  it('[DIR5] a reader, a stranger or no capability cannot publish; a writer withdraws', async () => {
    const { room, capability, readCapability } = await claimedRoom('dir-access');
    const body = listing('Cercle de lecture', 'Nantes', ['livres']);
    expect((await publish(room, body)).status).toBe(401);
    expect((await publish(room, body, newCapability())).status).toBe(403);
    expect((await publish(room, body, readCapability)).status).toBe(403);
    expect((await feed('?theme=livres')).communities).toEqual([]);
    expect((await publish(room, body, capability)).status).toBe(200);
    expect((await feed('?theme=livres')).communities).toHaveLength(1);
    expect((await publish(room, null, capability, 'DELETE')).status).toBe(204);
    expect((await feed('?theme=livres')).communities).toEqual([]);
  });

  it('[DIR3] a listing with anything more than the public fields is refused, naming the field', async () => {
    const { room, capability } = await claimedRoom('dir-strict');
    const leaky = { ...listing('Fuite', 'Paris', ['test']), members: ['Ana', 'Ben'] };
    const refused = await publish(room, leaky, capability);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ reason: 'unknown-field', field: 'members' });
    const notJson = await fetch(`${relay.url}/directory/listings/${room}`, {
      method: 'PUT',
      body: '{oops',
      headers: { Authorization: `Bearer ${capability}` },
    });
    expect(notJson.status).toBe(400);
    expect((await feed('?theme=test')).communities).toEqual([]);
    expect(relay.output()).not.toContain(capability);
  });
});
