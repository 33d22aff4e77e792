/**
 * PostgreSQL for the tests, never mocked: the local server (127.0.0.1:5432,
 * trust auth, or `DWELL_TEST_POSTGRES_URL`). Each test file gets a fresh
 * database `dwell_test_<random>`, dropped after the file; each store test
 * gets a fresh schema in it, which is much cheaper than a database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';

export const ADMIN_URL =
  process.env.DWELL_TEST_DATABASE_URL ||
  process.env.DWELL_TEST_POSTGRES_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

function withDatabase(url: string, database: string, search?: Record<string, string>): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  for (const [name, value] of Object.entries(search ?? {})) parsed.searchParams.set(name, value);
  return parsed.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let database: Promise<{ name: string; url: string }> | undefined;

// Registered when the file is imported: a hook registered inside another hook or a test is not run.
afterAll(async () => {
  if (!database) return;
  const { name } = await database;
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
});

/** The test file's database, created on first use and dropped after the file. */
export function testDatabase(): Promise<{ name: string; url: string }> {
  database ??= (async () => {
    const name = `dwell_test_${randomBytes(5).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    return { name, url: withDatabase(ADMIN_URL, name) };
  })();
  return database;
}

let schemas = 0;

/** A URL to a fresh, empty schema of the test file's database (set as the connection's search_path). */
export async function freshSchema(): Promise<string> {
  const { url } = await testDatabase();
  const schema = `s${++schemas}`;
  await admin((client) => client.query(`CREATE SCHEMA ${schema}`), url);
  return withDatabase(url, new URL(url).pathname.slice(1), { options: `-c search_path=${schema}` });
}

/** Runs one query on `url` and returns its rows. */
export function queryRows<Row extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  return admin(async (client) => (await client.query<Row>(text, values)).rows, url);
}
