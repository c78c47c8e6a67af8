import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMetrics, metricValue } from '../support/rawClient';
import { type RelayProcess, startRelayProcess } from '../support/relayProcess';
import { newRoom, openClient, pushEach } from '../support/yjsClient';

describe('relay process: /metrics', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    await relay.dispose();
  });

  it('[MET1] serves Prometheus text with every relay metric; /healthz stays', async () => {
    const res = await fetch(`${relay.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    for (const [name, type] of [
      ['ensemble_relay_connections', 'gauge'],
      ['ensemble_relay_rooms_active', 'gauge'],
      ['ensemble_relay_messages_received_total', 'counter'],
      ['ensemble_relay_received_bytes_total', 'counter'],
      ['ensemble_relay_messages_sent_total', 'counter'],
      ['ensemble_relay_sent_bytes_total', 'counter'],
      ['ensemble_relay_store_append_seconds', 'histogram'],
      ['ensemble_relay_compactions_total', 'counter'],
      ['ensemble_relay_rejections_total', 'counter'],
      ['ensemble_relay_awareness_dropped_total', 'counter'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(text).toMatch(/^ensemble_relay_store_append_seconds_bucket\{le="\+Inf"\} \d+$/m);
    const health = (await (await fetch(`${relay.url}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
  });

  it('[MET2] counters and gauges move with traffic, storage and compaction', async () => {
    const { room, capability } = newRoom('metrics');
    const before = await fetchMetrics(relay.url);
    const writer = openClient(relay.wsUrl, room, { capability });
    const reader = openClient(relay.wsUrl, room, { capability });
    await Promise.all([writer.synced(), reader.synced()]);
    const during = await fetchMetrics(relay.url);
    expect(metricValue(during, 'ensemble_relay_connections')).toBe(2);
    expect(metricValue(during, 'ensemble_relay_rooms_active')).toBe(1);

    pushEach(
      writer,
      Array.from({ length: 25 }, (_, i) => `m-${i}`),
    );
    await expect.poll(() => reader.items.length).toBe(25);
    const busy = await fetchMetrics(relay.url);
    const delta = (sample: string, from = before, to = busy): number =>
      metricValue(to, sample) - metricValue(from, sample);
    expect(delta('ensemble_relay_messages_received_total{type="sync_update"}')).toBe(25);
    expect(delta('ensemble_relay_received_bytes_total{type="sync_update"}')).toBeGreaterThan(
      25 * 10,
    );
    expect(delta('ensemble_relay_messages_sent_total{type="sync_update"}')).toBe(25);
    expect(delta('ensemble_relay_messages_sent_total{type="sync_step1"}')).toBe(2);
    expect(delta('ensemble_relay_messages_received_total{type="sync_step1"}')).toBe(2);
    // One observation per store write; group commit may put several updates in one.
    expect(delta('ensemble_relay_store_append_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(delta('ensemble_relay_store_append_seconds_count')).toBeLessThanOrEqual(25);
    expect(delta('ensemble_relay_connections_opened_total')).toBe(2);

    writer.destroy();
    reader.destroy();
    await expect
      .poll(async () => metricValue(await fetchMetrics(relay.url), 'ensemble_relay_rooms_active'))
      .toBe(0);
    const idle = await fetchMetrics(relay.url);
    expect(metricValue(idle, 'ensemble_relay_connections')).toBe(0);
    expect(delta('ensemble_relay_compactions_total', before, idle)).toBe(1);
  });
});
