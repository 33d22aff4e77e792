import { describe, expect, it } from 'vitest';
import { CHROMIUM, toolCandidates } from './findTool.mjs';
import { prerequisitePlan, testDatabaseUrl, type Facts } from './prerequisitePlan.mjs';

/** PATH as a root shell on Debian has it. */
const PATH = '/usr/local/bin:/usr/bin:/bin';

type Change = Partial<Omit<Facts, 'postgres'>> & { postgres?: Partial<Facts['postgres']> };

/** A machine with everything, changed by `change`: each test says only what differs. */
function machine(change: Change = {}): Facts {
  const { postgres, ...rest } = change;
  return {
    env: { PATH },
    executables: new Set(['/usr/bin/chromium', '/usr/sbin/nats-server', '/usr/bin/curl']),
    debian: true,
    root: true,
    fixed: false,
    ...rest,
    postgres: {
      reachable: true,
      down: false,
      clusters: [{ version: '15', port: 5432 }],
      serverBins: ['15'],
      osUser: true,
      ...postgres,
    },
  };
}

const withChromiumAt = (paths: string[], env: Record<string, string> = {}) =>
  prerequisitePlan(
    machine({
      env: { PATH, ...env },
      executables: new Set([...paths, '/usr/sbin/nats-server', '/usr/bin/curl']),
    }),
  );

describe('prerequisitePlan: which Chromium', () => {
  it('takes CHROMIUM_PATH over everything else', () => {
    const plan = withChromiumAt(['/opt/chrome/chrome', '/usr/bin/chromium'], {
      CHROMIUM_PATH: '/opt/chrome/chrome',
    });
    expect(plan.found.chromium).toBe('/opt/chrome/chrome');
  });

  it("takes Debian's /usr/bin/chromium before anything on PATH", () => {
    expect(withChromiumAt(['/usr/local/bin/chromium-browser', '/usr/bin/chromium']).found.chromium).toBe(
      '/usr/bin/chromium',
    );
  });

  it('finds chromium-browser, else google-chrome, on PATH', () => {
    expect(withChromiumAt(['/usr/bin/google-chrome', '/usr/local/bin/chromium-browser']).found.chromium).toBe(
      '/usr/local/bin/chromium-browser',
    );
    expect(withChromiumAt(['/usr/bin/google-chrome']).found.chromium).toBe('/usr/bin/google-chrome');
  });

  it('looks in the directories of PATH only', () => {
    expect(toolCandidates(CHROMIUM, { PATH: '/a:/b/' })).toEqual([
      '/usr/bin/chromium',
      '/a/chromium',
      '/b/chromium',
      '/a/chromium-browser',
      '/b/chromium-browser',
      '/a/google-chrome',
      '/b/google-chrome',
    ]);
    expect(withChromiumAt(['/opt/google-chrome']).found.chromium).toBeUndefined();
  });

  it('never falls back from a CHROMIUM_PATH that is not there, and says so', () => {
    const plan = withChromiumAt(['/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/nothing' });
    expect(plan.found.chromium).toBeUndefined();
    expect(plan.install).toEqual([]);
    expect(plan.unmet).toEqual([
      'npm test needs Chromium for the browser tests: CHROMIUM_PATH=/opt/nothing is not an executable file; point it at Chromium or unset it',
    ]);
  });
});

describe('prerequisitePlan: no Chromium', () => {
  const none = { executables: new Set(['/usr/sbin/nats-server', '/usr/bin/curl']) };

  it("installs Debian's chromium as root on Debian", () => {
    const plan = prerequisitePlan(machine(none));
    expect(plan.install).toEqual(['chromium']);
    expect(plan.unmet).toEqual([]);
  });

  it('names what it looked for and the command, for a user who is not root', () => {
    expect(prerequisitePlan(machine({ ...none, root: false })).unmet).toEqual([
      'npm test needs Chromium for the browser tests: none found (looked for CHROMIUM_PATH, /usr/bin/chromium, chromium, chromium-browser, google-chrome); provide it with: sudo apt-get install -y chromium, or set CHROMIUM_PATH to its path',
    ]);
  });

  it('says what to install off Debian', () => {
    const [line] = prerequisitePlan(machine({ ...none, debian: false })).unmet;
    expect(line).toMatch(
      /provide it with: install Chromium or Google Chrome, or set CHROMIUM_PATH to its path$/,
    );
  });

  it('reports it, with the command, when the install did not provide it', () => {
    const plan = prerequisitePlan(machine({ ...none, fixed: true }));
    expect(plan.install).toEqual([]);
    expect(plan.unmet).toHaveLength(1);
    expect(plan.unmet[0]).toMatch(/^npm test needs Chromium .*provide it with: apt-get install -y chromium,/);
  });
});

describe('prerequisitePlan: nats-server and curl', () => {
  it('finds nats-server on PATH first, else in /usr/sbin', () => {
    const onPath = prerequisitePlan(
      machine({
        executables: new Set(['/usr/bin/chromium', '/usr/local/bin/nats-server', '/usr/sbin/nats-server']),
      }),
    );
    expect(onPath.found.natsServer).toBe('/usr/local/bin/nats-server');
    expect(prerequisitePlan(machine()).found.natsServer).toBe('/usr/sbin/nats-server');
  });

  it('installs every missing tool in one go', () => {
    expect(prerequisitePlan(machine({ executables: new Set() })).install).toEqual([
      'chromium',
      'nats-server',
      'curl',
    ]);
  });

  it('names each missing one in a line of its own where it cannot install', () => {
    const { unmet } = prerequisitePlan(machine({ executables: new Set(['/usr/bin/chromium']), root: false }));
    expect(unmet).toHaveLength(2);
    expect(unmet[0]).toMatch(
      /^npm test needs nats-server for the JetStream tests: .*sudo apt-get install -y nats-server,/,
    );
    expect(unmet[1]).toMatch(
      /^npm test needs curl for the quick-start test.*: sudo apt-get install -y curl$/,
    );
  });
});

describe('prerequisitePlan: PostgreSQL', () => {
  const refused = { reachable: false, down: true, error: 'connect ECONNREFUSED 127.0.0.1:5432' };

  it('asks for nothing when the server answers', () => {
    expect(prerequisitePlan(machine())).toEqual({
      found: { chromium: '/usr/bin/chromium', natsServer: '/usr/sbin/nats-server', curl: '/usr/bin/curl' },
      install: [],
      startClusters: [],
      unmet: [],
    });
  });

  it("starts the local cluster that serves the URL's port when it is down", () => {
    const clusters = [
      { version: '15', port: 5432 },
      { version: '16', port: 5433 },
    ];
    expect(prerequisitePlan(machine({ postgres: { ...refused, clusters } })).startClusters).toEqual(['15']);
  });

  it('names the command when the cluster did not come up', () => {
    expect(prerequisitePlan(machine({ fixed: true, postgres: refused })).unmet).toEqual([
      'npm test needs PostgreSQL at postgres://postgres@127.0.0.1:5432/postgres (connect ECONNREFUSED 127.0.0.1:5432); provide it with: pg_ctlcluster --skip-systemctl-redirect 15 main start, or set DWELL_TEST_DATABASE_URL',
    ]);
  });

  it('asks for the package when no PostgreSQL is installed', () => {
    const [line] = prerequisitePlan(machine({ root: false, postgres: { ...refused, clusters: [] } })).unmet;
    expect(line).toContain(
      'provide it with: sudo apt-get install -y postgresql, with trust auth for 127.0.0.1',
    );
  });

  it('starts nothing for a server elsewhere or one that refused the login, and never prints a password', () => {
    const remote = machine({
      env: { PATH, DWELL_TEST_DATABASE_URL: 'postgres://dwell:secret@db.internal/dwell' },
      postgres: { ...refused, error: 'getaddrinfo ENOTFOUND db.internal' },
    });
    const plan = prerequisitePlan(remote);
    expect(plan.startClusters).toEqual([]);
    expect(plan.unmet[0]).toBe(
      'npm test needs PostgreSQL at postgres://dwell:***@db.internal/dwell (getaddrinfo ENOTFOUND db.internal); provide it with: a PostgreSQL server at that address, with trust auth, or set DWELL_TEST_DATABASE_URL',
    );
    const login = machine({ postgres: { reachable: false, down: false, error: 'role "x" does not exist' } });
    expect(prerequisitePlan(login).startClusters).toEqual([]);
    expect(prerequisitePlan(login).unmet[0]).toContain(
      '(role "x" does not exist); provide it with: a user and auth',
    );
  });

  it('reads DWELL_TEST_DATABASE_URL, else the older DWELL_TEST_POSTGRES_URL', () => {
    expect(testDatabaseUrl({})).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(testDatabaseUrl({ DWELL_TEST_POSTGRES_URL: 'postgres://old/x' })).toBe('postgres://old/x');
    expect(
      testDatabaseUrl({
        DWELL_TEST_POSTGRES_URL: 'postgres://old/x',
        DWELL_TEST_DATABASE_URL: 'postgres://new/x',
      }),
    ).toBe('postgres://new/x');
  });

  it('needs the server binaries, and the postgres user only as root', () => {
    expect(prerequisitePlan(machine({ postgres: { serverBins: [] } })).unmet).toEqual([
      'npm test needs the PostgreSQL server binaries for the outage test: no initdb under /usr/lib/postgresql/*/bin; provide them with: apt-get install -y postgresql',
    ]);
    expect(prerequisitePlan(machine({ postgres: { osUser: false } })).unmet[0]).toMatch(
      /^npm test needs the postgres OS user, .*: useradd --system --user-group --home-dir \/var\/lib\/postgresql postgres$/,
    );
    expect(prerequisitePlan(machine({ root: false, postgres: { osUser: false } })).unmet).toEqual([]);
  });
});
