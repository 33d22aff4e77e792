// A temporary PostgreSQL database for the benchmarks, on the local server
// (or BENCH_POSTGRES_URL): created empty, dropped afterwards.
import { randomBytes } from 'node:crypto';
import process from 'node:process';
import { URL } from 'node:url';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(url, text) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

export async function temporaryDatabase() {
  const name = `dwell_bench_${randomBytes(5).toString('hex')}`;
  await admin(ADMIN_URL, `CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async count(table) {
      const [row] = await admin(url.toString(), `SELECT count(*)::int AS n FROM ${table}`);
      return row.n;
    },
    drop: () => admin(ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
