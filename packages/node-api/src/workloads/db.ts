import { createHash } from 'node:crypto';
import { defineWorkload, ParalabError, type Workload } from '@paralab/core/workload';
import { dbParams } from '@paralab/core/workloads';
import type { Client, QueryArrayConfig } from 'pg';
import { poolQuery } from './_db-pool.js';
import { type DbRow, ensureTable, groupOf, groupRows } from './_db-table.js';

const params = dbParams;

/** What each `db` query does (see the `variant` parameter). */
export type DbVariant = 'sleep' | 'lookup' | 'digest';

/** What a `db` task returns, and what `prepare` computed it must return. */
export interface DbOutput {
  /** Rows the query returned. */
  readonly rows: number;
  /** sleep: `paralab:<id>`; lookup: the sum of the rows' amounts (decimal); digest: hex SHA-256. */
  readonly value: string;
}

/** One task of `db`. */
export interface DbInput {
  /** The run's PostgreSQL (`PrepareContext.databaseUrl`). */
  readonly url: string;
  readonly variant: DbVariant;
  /** Task index, 0-based. */
  readonly id: number;
  /** `pg_sleep` argument, seconds. */
  readonly seconds: number;
  /** lookup and digest: the generated table; empty for sleep. */
  readonly table: string;
  /** lookup and digest: the group of rows the query reads (see `groupOf`). */
  readonly group: number;
  /** digest: SHA-256 rounds. */
  readonly rounds: number;
  /** The known answer, computed in JavaScript from the seed. */
  readonly expected: DbOutput;
}

/** What a query brought back: the I/O phase's result, the CPU phase's input (structured-cloneable). */
interface DbAnswer {
  readonly variant: DbVariant;
  readonly rounds: number;
  readonly rows: unknown[][];
}

/** Why `db` cannot run without a server: the reason its cells are unsupported. */
export const NO_DATABASE =
  "db needs a PostgreSQL server and this run has none: install Debian's postgresql package (apt-get install -y postgresql) or set PARALAB_DATABASE_URL";

const SLEEP_SQL = "SELECT 'paralab:' || $2::integer AS echo FROM pg_sleep($1::double precision)";
const lookupSql = (table: string): string =>
  `WITH pause AS MATERIALIZED (SELECT pg_sleep($2::double precision)) ` +
  `SELECT t.pos, t.amount, t.label FROM ${table} AS t, pause WHERE t.grp = $1 ORDER BY t.pos`;

/**
 * I/O-bound, Node only, against a real PostgreSQL (the articles' "database queries", C2): each task runs
 * one query through this thread's (or process's) connection pool, so that N in flight hold N connections.
 * `sleep`: the server waits `latencyMs` then echoes the task id. `lookup`: also reads one group of `rows`
 * rows of a generated table (1000 groups, primary key (grp, pos), made by `prepare` if absent) and sums
 * them. `digest`: the same rows, then `rounds` chained SHA-256 over them: a result that needs CPU work, split
 * for the hybrid strategy. Every answer is checked against one computed in JavaScript from the seed.
 * Without `context.databaseUrl`, `prepare` throws `ParalabError` `ERR_UNSUPPORTED` (`NO_DATABASE`).
 */
export const db: Workload<typeof params, DbInput, DbOutput> = defineWorkload({
  id: 'db',
  kind: 'io',
  services: ['database'],
  description:
    'One query per task to a real PostgreSQL through a connection pool: pg_sleep, an indexed lookup, or a lookup whose rows are then hashed.',
  params,
  prepare: async ({ queries, latencyMs, variant, rows, rounds }, { databaseUrl, seed, missing }) => {
    if (!databaseUrl) throw new ParalabError('ERR_UNSUPPORTED', missing?.databaseUrl ?? NO_DATABASE);
    const table = variant === 'sleep' ? '' : await withClient(databaseUrl, (c) => ensureTable(c, seed, rows));
    const answers = new Map<number, DbOutput>();
    const expect = (id: number, group: number): DbOutput => {
      if (variant === 'sleep') return { rows: 1, value: `paralab:${id}` };
      const known = answers.get(group) ?? finish({ variant, rounds, rows: groupRows(seed, group, rows) });
      answers.set(group, known);
      return known;
    };
    return Array.from({ length: queries }, (_, id) => {
      const group = groupOf(id, seed);
      const expected = expect(id, group);
      return { url: databaseUrl, variant, id, seconds: latencyMs / 1000, table, group, rounds, expected };
    });
  },
  run: async (input) => finish(await ask(input)),
  split: {
    io: (input: DbInput) => ask(input),
    cpu: (answer: unknown) => finish(answer as DbAnswer),
  },
  verify: (output, { expected }) =>
    output?.rows === expected.rows && output.value === expected.value
      ? true
      : `expected ${expected.rows} rows giving ${expected.value}, got ${output?.rows} rows giving ${output?.value}`,
});

/** The I/O phase: the task's query, on a pooled connection. Rejects with a one-line `db: ...` error. */
async function ask(input: DbInput): Promise<DbAnswer> {
  const query: QueryArrayConfig =
    input.variant === 'sleep'
      ? { rowMode: 'array', name: 'paralab-db-sleep', text: SLEEP_SQL, values: [input.seconds, input.id] }
      : {
          rowMode: 'array',
          name: `paralab-${input.table}`,
          text: lookupSql(input.table),
          values: [input.group, input.seconds],
        };
  try {
    const result = await poolQuery(input.url, query);
    return { variant: input.variant, rounds: input.rounds, rows: result.rows };
  } catch (thrown) {
    throw new Error(`db: query failed on ${hostOf(input.url)}: ${oneLine(thrown)}`);
  }
}

/** The CPU phase: what the task returns for the rows its query brought back. */
function finish({ variant, rounds, rows }: DbAnswer): DbOutput {
  if (variant === 'sleep') return { rows: rows.length, value: String(rows[0]?.[0]) };
  const typed = rows as DbRow[];
  if (variant === 'lookup') return { rows: typed.length, value: String(typed.reduce((s, r) => s + r[1], 0)) };
  return { rows: typed.length, value: chainedDigest(typed.map((row) => row.join('\t')).join('\n'), rounds) };
}

/**
 * SHA-256 of `text`, then `rounds - 1` times SHA-256 of (the previous digest's 32 bytes, then `text`);
 * the last digest in hex.
 */
export function chainedDigest(text: string, rounds: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let digest = createHash('sha256').update(bytes).digest();
  for (let round = 1; round < rounds; round++)
    digest = createHash('sha256').update(digest).update(bytes).digest();
  return digest.toString('hex');
}

/** Runs `use` on a connection of its own (prepare's work never counts as a task's connection). */
async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const client = new Client({
    connectionString: url,
    application_name: 'paralab-db-prepare',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await use(client);
  } catch (thrown) {
    throw new Error(`db: preparing the table on ${hostOf(url)} failed: ${oneLine(thrown)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host || 'the database';
  } catch {
    return 'the database';
  }
};

const oneLine = (thrown: unknown): string =>
  (thrown instanceof Error ? thrown.message : String(thrown)).replace(/\s*\n\s*/g, ' ');
