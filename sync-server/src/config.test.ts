import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lanAddresses, startupBanner } from './banner';
import { parseConfig, REPO_ROOT } from './config';

describe('config', () => {
  it('[CONF1] has defaults: port 8787, all interfaces, <repo>/.data, <repo>/client/dist, 1 MiB', () => {
    const outcome = parseConfig([], {}, '/somewhere');
    expect(outcome).toEqual({
      kind: 'run',
      config: {
        port: 8787,
        host: '0.0.0.0',
        dataDir: resolve(REPO_ROOT, '.data'),
        staticDir: resolve(REPO_ROOT, 'client', 'dist'),
        tlsCertFile: undefined,
        tlsKeyFile: undefined,
        maxMessageBytes: 1024 * 1024,
        openRooms: false,
        trustProxy: false,
        limits: {
          maxMessageBytes: 1024 * 1024,
          messagesPerSecond: 200,
          messageBurst: 400,
          bytesPerSecond: 2 * 1024 * 1024,
          connectionsPerIp: 64,
          awarenessPerSecond: 10,
        },
        signalingLimits: {
          maxMessageBytes: 64 * 1024,
          messagesPerSecond: 100,
          messageBurst: 300,
          maxTopics: 32,
        },
        blobLimits: { maxBlobBytes: 10 * 1024 * 1024, quotaBytes: 500 * 1024 * 1024 },
      },
    });
  });

  it('[BLOB4] [BLOB5] reads the blob size limit and quota from flags and environment', () => {
    const outcome = parseConfig(['--max-blob-bytes', '2048'], { BLOB_QUOTA_BYTES: '4096' }, '/w');
    expect(outcome.kind === 'run' && outcome.config.blobLimits).toEqual({
      maxBlobBytes: 2048,
      quotaBytes: 4096,
    });
    expect(parseConfig(['--max-blob-bytes', '10'], {}, '/w').kind).toBe('error');
  });

  it('[CONF7] reads --trust-proxy / TRUST_PROXY and the /signal limits from flags and environment', () => {
    const outcome = parseConfig(
      ['--trust-proxy', '--signal-max-topics', '4', '--signal-message-burst=20'],
      { SIGNAL_MAX_MESSAGES_PER_SECOND: '7', SIGNAL_MAX_MESSAGE_BYTES: '2048' },
      '/w',
    );
    expect(outcome.kind === 'run' && outcome.config).toMatchObject({
      trustProxy: true,
      signalingLimits: {
        maxMessageBytes: 2048,
        messagesPerSecond: 7,
        messageBurst: 20,
        maxTopics: 4,
      },
    });
    const fromEnv = parseConfig([], { TRUST_PROXY: 'yes' }, '/w');
    expect(fromEnv.kind === 'run' && fromEnv.config.trustProxy).toBe(true);
    expect(parseConfig(['--signal-max-topics', '0'], {}, '/w').kind).toBe('error');
    expect(parseConfig(['--signal-max-message-bytes', 'lots'], {}, '/w').kind).toBe('error');
  });

  it('[CONF6] reads --open-rooms / OPEN_ROOMS and the limits from flags and environment', () => {
    const env = { OPEN_ROOMS: '1', MAX_CONNECTIONS_PER_IP: '0', MAX_MESSAGES_PER_SECOND: '50' };
    const outcome = parseConfig(
      ['--message-burst', '60', '--max-bytes-per-second', '4096', '--max-awareness-per-second=3'],
      env,
      '/w',
    );
    expect(outcome.kind === 'run' && outcome.config).toMatchObject({
      openRooms: true,
      limits: {
        messagesPerSecond: 50,
        messageBurst: 60,
        bytesPerSecond: 4096,
        connectionsPerIp: 0,
        awarenessPerSecond: 3,
      },
    });
    const flagOnly = parseConfig(['--open-rooms'], {}, '/w');
    expect(flagOnly.kind === 'run' && flagOnly.config.openRooms).toBe(true);
    expect(parseConfig(['--message-burst', '0'], {}, '/w').kind).toBe('error');
    expect(parseConfig(['--max-connections-per-ip', '-1'], {}, '/w').kind).toBe('error');
  });

  it('[CONF2] reads the environment, and flags win over it', () => {
    const env = {
      PORT: '9000',
      HOST: '127.0.0.1',
      DATA_DIR: 'env-data',
      MAX_MESSAGE_BYTES: '4096',
    };
    const fromEnv = parseConfig([], env, '/w');
    expect(fromEnv.kind === 'run' && fromEnv.config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/w/env-data',
      maxMessageBytes: 4096,
    });
    const flags = ['--port=9100', '--data-dir', '/abs/data', '--static-dir', 'dist'];
    const fromFlags = parseConfig(flags, env, '/w');
    expect(fromFlags.kind === 'run' && fromFlags.config).toMatchObject({
      port: 9100,
      dataDir: '/abs/data',
      staticDir: '/w/dist',
    });
  });

  it('[CONF3] needs both TLS files, valid numbers and known flags; --help prints usage', () => {
    expect(parseConfig(['--tls-cert', 'c.pem'], {}, '/w').kind).toBe('error');
    expect(parseConfig(['--port', 'eighty'], {}, '/w').kind).toBe('error');
    expect(parseConfig(['--port', '70000'], {}, '/w').kind).toBe('error');
    expect(parseConfig(['--bogus'], {}, '/w').kind).toBe('error');
    const help = parseConfig(['--', '--help'], {}, '/w');
    expect(help.kind === 'help' && help.text).toContain('--max-message-bytes');
    const tls = parseConfig([], { TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }, '/w');
    expect(tls.kind === 'run' && tls.config.tlsCertFile).toBe('/w/c.pem');
  });
});

describe('startup banner', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false } as never,
      { address: 'fe80::1', family: 'IPv6', internal: false } as never,
    ],
  };
  const base = { port: 8787, host: '0.0.0.0', dataDir: '/d', staticDir: '/s', interfaces };

  it('[BANNER1] prints the local URL and one line per LAN IPv4 address', () => {
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.20']);
    const lines = startupBanner({ ...base, tls: true });
    expect(lines[0]).toContain('https://localhost:8787');
    expect(lines.filter((l) => l.includes('https://192.168.1.20:8787'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('no offline mode');
  });

  it('[BANNER2] says plainly what phones lose over plain http', () => {
    const text = startupBanner({ ...base, tls: false }).join('\n');
    expect(text).toContain('http://192.168.1.20:8787');
    expect(text).toContain('no offline mode, no install and no');
    expect(text).toContain('README.md');
  });
});
