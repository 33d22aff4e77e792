import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL } from '@dwell/score';
import { ConfigError, DEFAULT_RATE_LIMIT, loadConfig } from './config.js';
import { DEFAULT_LAG_BOUND } from './store/store.js';

const site = {
  id: 'news',
  origins: ['https://news.example', 'https://*.news.example'],
  readKeys: ['a-read-key-of-16+chars'],
};

/** loadConfig with DWELL_CONFIG pointing at `file`, an in-memory JSON text. */
function withFile(file: unknown, env: Record<string, string> = {}) {
  const text = typeof file === 'string' ? file : JSON.stringify(file);
  return loadConfig({ DWELL_CONFIG: '/etc/dwell.json', ...env }, () => text);
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('serves the development site demo on port 8787 in ./data without a config', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, development: true, trustProxy: false });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.sites).toEqual([
      expect.objectContaining({
        id: 'demo',
        readKeys: ['demo-read-key'],
        adminKeys: ['demo-admin-key'],
        model: DEFAULT_MODEL,
        rateLimit: DEFAULT_RATE_LIMIT,
      }),
    ]);
  });

  it('refuses to start in production without a config', () => {
    expect(messageOf(() => loadConfig({ NODE_ENV: 'production' }))).toMatch(
      /DWELL_CONFIG is required when NODE_ENV=production/,
    );
  });

  it('takes a PostgreSQL URL and a retention in months, checked against the longest model window', () => {
    const url = 'postgres://dwell@db.internal:5432/dwell';
    expect(loadConfig({ DWELL_DATABASE_URL: url })).toMatchObject({ databaseUrl: url, retentionMonths: 0 });
    expect(loadConfig({ DWELL_DATABASE_URL: url, DWELL_RETENTION_MONTHS: '13' }).retentionMonths).toBe(13);
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    expect(messageOf(() => loadConfig({ DWELL_DATABASE_URL: 'mysql://localhost/dwell' }))).toMatch(
      /DWELL_DATABASE_URL: must be a PostgreSQL URL/,
    );
    expect(messageOf(() => loadConfig({ DWELL_DATABASE_URL: url, DWELL_RETENTION_MONTHS: 'x' }))).toMatch(
      /DWELL_RETENTION_MONTHS: must be a whole number of months/,
    );
    expect(messageOf(() => loadConfig({ DWELL_RETENTION_MONTHS: '12' }))).toMatch(/PostgreSQL store only/);
    // A one-month retention (28 days at least) cannot cover the default 30-day window.
    expect(messageOf(() => loadConfig({ DWELL_DATABASE_URL: url, DWELL_RETENTION_MONTHS: '1' }))).toMatch(
      /shorter than the longest model window \(30 days\): .* at least 2/,
    );
  });

  it('reads sites with their origins, keys and models from DWELL_CONFIG', () => {
    const model = { ...DEFAULT_MODEL, windowDays: 7 };
    const config = withFile(
      { sites: [{ ...site, model, rateLimit: { perMinute: 60, burst: 5 } }] },
      { PORT: '9000', NODE_ENV: 'production' },
    );
    expect(config.port).toBe(9000);
    expect(config.development).toBe(false);
    expect(config.sites).toEqual([
      {
        ...site,
        adminKeys: [],
        model,
        readerModel: DEFAULT_READER_MODEL,
        rateLimit: { perMinute: 60, burst: 5 },
      },
    ]);
  });

  it('reads admin keys: 16 characters at least, never the development one, no key in two roles', () => {
    const adminKeys = ['an-admin-key-of-16+chars'];
    expect(withFile({ sites: [{ ...site, adminKeys }] }).sites[0]!.adminKeys).toEqual(adminKeys);
    expect(messageOf(() => withFile({ sites: [{ ...site, adminKeys: ['demo-admin-key'] }] }))).toMatch(
      /sites\.0\.adminKeys\.0: an admin key has at least 16 characters/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, adminKeys: site.readKeys }] }))).toMatch(
      /sites\.0\.adminKeys\.0: a key belongs to one site and one role only/,
    );
  });

  it('reads a reader model, its kind implied, and names its bad fields', () => {
    const readerModel: Record<string, unknown> = { ...DEFAULT_READER_MODEL, windowDays: 7 };
    delete readerModel.kind;
    const config = withFile({ sites: [{ ...site, readerModel }] });
    expect(config.sites[0]!.readerModel).toEqual({ ...DEFAULT_READER_MODEL, windowDays: 7 });
    const reader = (value: unknown) =>
      messageOf(() => withFile({ sites: [{ ...site, readerModel: value }] }));
    expect(reader({ ...readerModel, max: 0 })).toMatch(/sites\.0\.readerModel\.max: /);
    expect(reader({ ...readerModel, signals: { s: { measure: 'further_sessions', points: 5 } } })).toMatch(
      /sites\.0\.readerModel\.signals\.s\.measure: unknown reader measure: further_sessions/,
    );
    expect(reader({ ...readerModel, kind: 'content' })).toMatch(
      /sites\.0\.readerModel\.kind: must be "reader"/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, model: DEFAULT_READER_MODEL }] }))).toMatch(
      /sites\.0\.model\.kind: must be "content"/,
    );
  });

  it('names the bad variable or field', () => {
    expect(messageOf(() => loadConfig({ PORT: 'eighty' }))).toBe(
      'environment: PORT: must be a port number, 0–65535',
    );
    expect(messageOf(() => loadConfig({ PORT: '70000' }))).toMatch(/PORT: must be a port number/);
    expect(messageOf(() => loadConfig({ DWELL_RATE_LIMIT: '-1' }))).toMatch(
      /^environment: DWELL_RATE_LIMIT: /,
    );
    expect(messageOf(() => withFile('{"sites": ['))).toMatch(
      /^DWELL_CONFIG \/etc\/dwell.json: cannot read it as JSON/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, origins: ['news.example/'] }] }))).toMatch(
      /sites\.0\.origins\.0: not an origin/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, readKeys: ['short'] }] }))).toMatch(
      /sites\.0\.readKeys\.0: a read key has at least 16/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, readKeys: ['demo-read-key'] }] }))).toMatch(
      /sites\.0\.readKeys\.0/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, model: { ...DEFAULT_MODEL, max: -1 } }] }))).toMatch(
      /sites\.0\.model\.max: /,
    );
    expect(messageOf(() => withFile({ sites: [site, site] }))).toMatch(
      /sites\.1\.id: duplicate site id news; sites\.1\.readKeys\.0/,
    );
    expect(messageOf(() => withFile({ sites: [{ ...site, colour: 'blue' }] }))).toMatch(
      /sites\.0: Unrecognized key: "colour"/,
    );
  });

  it('applies DWELL_RATE_LIMIT to sites without their own, and DWELL_TRUST_PROXY', () => {
    const config = loadConfig({ DWELL_RATE_LIMIT: '120', DWELL_TRUST_PROXY: '1', PORT: '' });
    expect(config.sites[0]?.rateLimit).toEqual({ perMinute: 120, burst: 20 });
    expect(config.trustProxy).toBe(true);
    expect(config.port).toBe(8787);
  });

  it("bounds the views' lag with DWELL_MAX_LAG_EVENTS and DWELL_MAX_LAG_MS, 200,000 events and 10 s by default", () => {
    expect(loadConfig({}).lagBound).toEqual(DEFAULT_LAG_BOUND);
    expect(DEFAULT_LAG_BOUND).toEqual({ maxEvents: 200_000, maxMs: 10_000 });
    expect(loadConfig({ DWELL_MAX_LAG_EVENTS: '500', DWELL_MAX_LAG_MS: '2000' }).lagBound).toEqual({
      maxEvents: 500,
      maxMs: 2_000,
    });
    expect(messageOf(() => loadConfig({ DWELL_MAX_LAG_EVENTS: '0' }))).toContain('DWELL_MAX_LAG_EVENTS');
    expect(messageOf(() => loadConfig({ DWELL_MAX_LAG_MS: '1s' }))).toContain('DWELL_MAX_LAG_MS');
  });

  it('publishes to JetStream with DWELL_NATS_URL, beside PostgreSQL only, every setting named when bad', () => {
    const database = { DWELL_DATABASE_URL: 'postgres://dwell@db/dwell' };
    expect(loadConfig(database).stream).toBeUndefined();
    expect(loadConfig({ ...database, DWELL_NATS_URL: 'nats://a:4222, nats://b:4222' }).stream).toEqual({
      servers: ['nats://a:4222', 'nats://b:4222'],
      stream: 'dwell-events',
      partitions: 16,
      replicas: 1,
      maxAgeMs: 7 * 86_400_000,
      maxBytes: -1,
      duplicateWindowMs: 120_000,
      publishTimeoutMs: 5_000,
    });
    const tuned = loadConfig({
      ...database,
      DWELL_NATS_URL: 'nats://a:4222',
      DWELL_NATS_STREAM: 'site-events',
      DWELL_NATS_PARTITIONS: '32',
      DWELL_NATS_REPLICAS: '3',
      DWELL_NATS_MAX_AGE_HOURS: '48',
      DWELL_NATS_MAX_BYTES: '10000000000',
      DWELL_NATS_DUPLICATE_WINDOW_S: '600',
      DWELL_NATS_PUBLISH_TIMEOUT_MS: '2000',
    }).stream;
    expect(tuned).toMatchObject({
      stream: 'site-events',
      partitions: 32,
      replicas: 3,
      maxAgeMs: 48 * 3_600_000,
    });
    expect(tuned).toMatchObject({ maxBytes: 1e10, duplicateWindowMs: 600_000, publishTimeoutMs: 2_000 });
    expect(messageOf(() => loadConfig({ DWELL_NATS_URL: 'nats://a:4222' }))).toContain('DWELL_DATABASE_URL');
    expect(messageOf(() => loadConfig({ ...database, DWELL_NATS_URL: 'http://a' }))).toContain(
      'DWELL_NATS_URL',
    );
    const bad = { ...database, DWELL_NATS_URL: 'nats://a:4222', DWELL_NATS_REPLICAS: '7' };
    expect(messageOf(() => loadConfig(bad))).toContain('DWELL_NATS_REPLICAS: must be 1–5 replicas');
  });
});
