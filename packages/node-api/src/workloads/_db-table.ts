// The `db` workload's table: generated from the seed, the same in JavaScript (for the known answers) and in
// the database (for the queries), created once per seed and row count, indexed on (grp, pos).
import type { Client } from 'pg';

/** Groups in every table: task i reads group `groupOf(i)`, so up to this many tasks read distinct rows. */
export const TABLE_GROUPS = 1000;
/** Rows inserted per statement while filling a table. */
const CHUNK_ROWS = 50_000;

/** One row: position in its group, an amount (0 to 999999) and a label (`item-` and 7 base-36 digits). */
export type DbRow = [pos: number, amount: number, label: string];

/** The table of `seed` with `rows` rows per group (`paralab_db_<seed>_<rows>`). */
export const tableName = (seed: number, rows: number): string => `paralab_db_${seed >>> 0}_${rows}`;

/** The group task `id` reads: a stride through the groups (7919 is prime, so coprime with 1000). */
export const groupOf = (id: number, seed: number): number => ((seed >>> 0) + id * 7919) % TABLE_GROUPS;

/** A 32-bit hash of (seed, a, b): murmur3's finalizer over a combination of the three. */
function mix(seed: number, a: number, b: number): number {
  let h = (seed ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The rows of one group, in `pos` order, as the table holds them. */
export function groupRows(seed: number, group: number, rows: number): DbRow[] {
  return Array.from({ length: rows }, (_, pos): DbRow => {
    const amount = mix(seed, group, pos) % 1_000_000;
    const label = `item-${mix(seed ^ 0x5bd1e995, group, pos)
      .toString(36)
      .padStart(7, '0')}`;
    return [pos, amount, label];
  });
}

/**
 * Makes sure the table of (`seed`, `rows`) exists with the right number of rows: creates and fills it if
 * absent (or if a wrong one is in the way), in one transaction under an advisory lock, so that two runs
 * sharing a server neither clash nor see a half-filled table. Runs ANALYZE on a new table.
 */
export async function ensureTable(client: Client, seed: number, rows: number): Promise<string> {
  const table = tableName(seed, rows);
  let created = false;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [table]);
    const found = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
      table,
    ]);
    const present = found.rows[0]?.present === true;
    const count = present ? await countRows(client, table) : -1;
    if (count !== TABLE_GROUPS * rows) {
      if (present) await client.query(`DROP TABLE ${table}`);
      await fillTable(client, table, seed, rows);
      created = true;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
  if (created) await client.query(`ANALYZE ${table}`);
  return table;
}

async function countRows(client: Client, table: string): Promise<number> {
  const result = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0]?.n ?? -1;
}

/** Creates the table, inserts every group's rows (arrays through unnest), then adds the primary key. */
async function fillTable(client: Client, table: string, seed: number, rows: number): Promise<void> {
  await client.query(
    `CREATE TABLE ${table} (grp integer NOT NULL, pos integer NOT NULL, amount integer NOT NULL, label text NOT NULL)`,
  );
  const groupsPerChunk = Math.max(1, Math.floor(CHUNK_ROWS / rows));
  for (let first = 0; first < TABLE_GROUPS; first += groupsPerChunk) {
    const columns: [number[], number[], number[], string[]] = [[], [], [], []];
    for (let group = first; group < Math.min(first + groupsPerChunk, TABLE_GROUPS); group++) {
      for (const [pos, amount, label] of groupRows(seed, group, rows)) {
        columns[0].push(group);
        columns[1].push(pos);
        columns[2].push(amount);
        columns[3].push(label);
      }
    }
    await client.query(
      `INSERT INTO ${table} SELECT * FROM unnest($1::integer[], $2::integer[], $3::integer[], $4::text[])`,
      columns,
    );
  }
  await client.query(`ALTER TABLE ${table} ADD PRIMARY KEY (grp, pos)`);
}
