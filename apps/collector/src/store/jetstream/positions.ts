/**
 * How far the views hold each partition of the stream: the stream sequence
 * of the last message folded, saved in the fold's own transaction, so a
 * message is folded exactly once whoever folds it, across crashes and
 * redeliveries. The row is locked while a fold runs: two materializers that
 * both believe they own a partition fold it one after the other, and the
 * second skips what the first folded.
 */
import type pg from 'pg';

/** Locks the partition's position and answers it: messages up to it are folded. */
export async function lockPosition(
  client: pg.PoolClient,
  stream: string,
  partition: number,
  created: string,
): Promise<number> {
  await client.query(
    'INSERT INTO stream_positions (stream, partition, created, seq) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING',
    [stream, partition, created],
  );
  const { rows } = await client.query<{ created: string; seq: number }>(
    'SELECT created, seq FROM stream_positions WHERE stream = $1 AND partition = $2 FOR UPDATE',
    [stream, partition],
  );
  const row = rows[0];
  // Another stream of the same name (deleted and made again): its sequences start at 1.
  if (!row || row.created !== created) return 0;
  return Number(row.seq);
}

export async function savePosition(
  client: pg.PoolClient,
  stream: string,
  partition: number,
  created: string,
  seq: number,
): Promise<void> {
  await client.query(
    'UPDATE stream_positions SET seq = $3, created = $4 WHERE stream = $1 AND partition = $2',
    [stream, partition, seq, created],
  );
}

/** Every partition's position in the stream made at `created` (0 for one never folded). */
export async function readPositions(
  pool: pg.Pool,
  stream: string,
  created: string,
  partitions: number,
): Promise<number[]> {
  const { rows } = await pool.query<{ partition: number; created: string; seq: number }>(
    'SELECT partition, created, seq FROM stream_positions WHERE stream = $1',
    [stream],
  );
  const positions = new Array<number>(partitions).fill(0);
  for (const row of rows) {
    if (row.partition < partitions && row.created === created) positions[row.partition] = Number(row.seq);
  }
  return positions;
}
