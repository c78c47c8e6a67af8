import { afterEach, describe, expect, it } from 'vitest';
import { setup, tearDown } from './activityHarness';

afterEach(tearDown);

describe('CommunityRepository.retain in the background', () => {
  it('opens a community without showing it, and closes it at once when done', async () => {
    const { repository, create, allClosed, connections, db } = setup();
    const id = await create('Chorale');
    await allClosed();
    await db.table('communities').update(id, { lastOpenedAt: 1 });

    const release = repository.retain(id, true);
    await expect.poll(() => connections.open).toBe(1);
    expect(repository.viewers.get().get(id) ?? 0).toBe(0);
    release();
    // Closed right away (no linger), and not moved up the home list.
    expect(connections.open).toBe(0);
    expect((await db.table('communities').get(id))?.lastOpenedAt).toBe(1);
  });

  it('leaves a community open that a screen shows', async () => {
    const { repository, create, allClosed, connections } = setup();
    const id = await create('Chorale');
    await allClosed();
    const visit = repository.retain(id, true);
    const release = repository.retain(id);
    expect(repository.viewers.get().get(id)).toBe(1);
    await expect.poll(() => connections.open).toBe(1);
    visit();
    expect(connections.open).toBe(1);
    release();
    expect(repository.viewers.get().get(id)).toBe(0);
    await allClosed();
  });
});
