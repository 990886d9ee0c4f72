import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  asyncStrategy,
  CancelToken,
  type CellPlan,
  measure,
  resolveParams,
  type Strategy,
  sequential,
} from '@paralab/core';
import { type Database, ensurePostgres, startDatabase } from '@paralab/host';
import { hybridStrategy, processStrategy, workerStrategy } from '@paralab/node-api';
import {
  chainedDigest,
  closeDbConnections,
  type DbInput,
  type DbOutput,
  db,
  dbConnections,
  NO_DATABASE,
  nodeWorkloads,
} from '@paralab/node-api/workloads';
import { nodeRunner, runNode } from '@paralab/node-runner';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupRows, TABLE_GROUPS } from '../../node-api/dist/workloads/_db-table.js';
import { TEST_PROFILE } from './_helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// Peers import the file: URL the runner resolves for its built-ins (as the host hands it to every side).
const ref = { module: nodeRunner.resolveBuiltin('@paralab/node-api/workloads'), id: 'db' };

let database: Database;
beforeAll(async () => {
  // A fresh Debian machine gets Debian's postgresql here, as browser tests get Chromium (apt-get, ~30 s).
  await ensurePostgres((line) => process.stdout.write(`paralab: ${line}\n`));
  database = await startDatabase();
}, 600_000);
afterAll(async () => {
  await closeDbConnections();
  await database?.close();
});

async function prepare(overrides: Record<string, unknown>, seed = 1, url = database.url) {
  const params = resolveParams(db, overrides);
  return { params, inputs: await db.prepare(params, { seed, databaseUrl: url }) };
}

const verifyAll = (outputs: unknown[], inputs: DbInput[]) =>
  outputs.map((output, i) => db.verify?.(output as DbOutput, inputs[i] as DbInput, {} as never));

async function sql(text: string): Promise<unknown[][]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query({ text, rowMode: 'array' })).rows;
  } finally {
    await client.end();
  }
}

describe('the db workload', () => {
  it('is a Node workload with 100 queries of 10 ms by default', () => {
    expect(nodeWorkloads.map((w) => w.id)).toEqual(['file', 'http-get', 'db']);
    expect([db.kind, resolveParams(db)]).toEqual([
      'io',
      { queries: 100, latencyMs: 10, variant: 'sleep', rows: 50, rounds: 2000 },
    ]);
  });

  it('is unsupported without a database, saying how to get one', async () => {
    await expect(db.prepare(resolveParams(db), { seed: 1 })).rejects.toMatchObject({
      code: 'ERR_UNSUPPORTED',
      message: NO_DATABASE,
    });
    expect(NO_DATABASE).toBe(
      "db needs a PostgreSQL server and this run has none: install Debian's postgresql package (apt-get install -y postgresql) or set PARALAB_DATABASE_URL",
    );
  });

  it('sleep: the server echoes each task id, verified', async () => {
    const { inputs } = await prepare({ queries: 3, latencyMs: 1 });
    const outputs = await Promise.all(inputs.map((input) => db.run(input)));
    expect(outputs).toEqual([
      { rows: 1, value: 'paralab:0' },
      { rows: 1, value: 'paralab:1' },
      { rows: 1, value: 'paralab:2' },
    ]);
    expect(verifyAll(outputs, inputs)).toEqual([true, true, true]);
  });

  it('lookup: reads one indexed group per task and sums it, as computed in JavaScript', async () => {
    const { inputs } = await prepare({ queries: 4, latencyMs: 0, variant: 'lookup', rows: 10 });
    const outputs = [];
    for (const input of inputs) outputs.push(await db.run(input));
    expect(verifyAll(outputs, inputs)).toEqual([true, true, true, true]);
    expect(outputs.map((output) => output.rows)).toEqual([10, 10, 10, 10]);
    expect(new Set(inputs.map((input) => input.group)).size).toBe(4);
    // The whole table is the generated one, and the query plan uses the primary key.
    let total = 0;
    for (let group = 0; group < TABLE_GROUPS; group++)
      for (const [, amount] of groupRows(1, group, 10)) total += amount;
    const table = inputs[0]?.table;
    expect(await sql(`SELECT count(*)::int, sum(amount)::bigint::text FROM ${table}`)).toEqual([
      [TABLE_GROUPS * 10, String(total)],
    ]);
    const plan = await sql(`EXPLAIN SELECT * FROM ${table} WHERE grp = 7`);
    expect(plan.flat().join('\n')).toMatch(/Index Scan using .*_pkey/);
  });

  it('lookup: a wrong answer is rejected with what was expected', async () => {
    const { inputs } = await prepare({ queries: 1, variant: 'lookup', rows: 10 });
    const input = inputs[0] as DbInput;
    expect(db.verify?.({ rows: 9, value: '12' }, input, {} as never)).toBe(
      `expected 10 rows giving ${input.expected.value}, got 9 rows giving 12`,
    );
  });

  it('digest: hashes the rows it read; the split phases give what run gives', async () => {
    const sha = (data: Buffer | string) => createHash('sha256').update(data).digest();
    expect(chainedDigest('abc', 1)).toBe(sha('abc').toString('hex'));
    expect(chainedDigest('abc', 2)).toBe(
      sha(Buffer.concat([sha('abc'), Buffer.from('abc')])).toString('hex'),
    );
    const { inputs } = await prepare({ queries: 3, latencyMs: 0, variant: 'digest', rows: 5, rounds: 10 });
    const outputs = await Promise.all(inputs.map((input) => db.run(input)));
    expect(verifyAll(outputs, inputs)).toEqual([true, true, true]);
    const split = db.split;
    if (!split) throw new Error('db has no split');
    const phased = await Promise.all(inputs.map(async (input) => split.cpu(await split.io(input))));
    expect(phased).toEqual(outputs);
  });

  it('derives tables and answers from the seed', async () => {
    const values = async (seed: number) =>
      (await prepare({ queries: 3, variant: 'lookup', rows: 3 }, seed)).inputs.map((i) => i.expected.value);
    expect(await values(5)).toEqual(await values(5));
    expect(await values(5)).not.toEqual(await values(6));
  });

  it('async at N opens N connections of this thread; sequential reuses one of them', async () => {
    await closeDbConnections();
    const { inputs } = await prepare({ queries: 8, latencyMs: 20 });
    const before = dbConnections().opened;
    const instance = await asyncStrategy.create({ workload: db, ref, params: {}, concurrency: 4 });
    expect(verifyAll(await instance.runBatch(inputs, new CancelToken()), inputs)).toEqual(
      Array(8).fill(true),
    );
    expect([dbConnections().opened - before, dbConnections().open]).toEqual([4, 4]);
    const one = await sequential.create({ workload: db, ref, params: {}, concurrency: 1 });
    await one.runBatch(inputs, new CancelToken());
    expect([dbConnections().opened - before, dbConnections().open]).toEqual([4, 4]);
    await closeDbConnections();
    expect(dbConnections().open).toBe(0);
  });
});

describe('the db workload through real strategies', () => {
  const plan = (strategy: Strategy, concurrency: number, params: Record<string, unknown>): CellPlan => ({
    workload: db,
    ref,
    params: resolveParams(db, params),
    strategy,
    concurrency,
  });
  const options = { profile: TEST_PROFILE, seed: 3, availableParallelism: 2, timerResolutionMs: 0.001 };

  it('sequential and async cells are measured with verified answers', async () => {
    const params = { queries: 8, latencyMs: 5, variant: 'lookup', rows: 20 };
    const { cells } = await measure([plan(sequential, 1, params), plan(asyncStrategy, 4, params)], {
      ...options,
      services: { databaseUrl: database.url },
    });
    expect(cells.map((cell) => [cell.strategy, cell.status, cell.reason])).toEqual([
      ['sequential', 'ok', undefined],
      ['async', 'ok', undefined],
    ]);
  });

  // Two workers (or processes) with one query each in flight hold one connection each, none of them this
  // thread's; hybrid queries from this thread, two in flight, and hashes in its pool.
  it.each([
    ['worker threads', workerStrategy, 'lookup', 0],
    ['child processes', processStrategy, 'lookup', 0],
    ['hybrid (queries on the event loop, hashing in a pool)', hybridStrategy, 'digest', 2],
  ])('%s: verified answers, and the connections where they should be', async (_, strategy, variant, here) => {
    const { params, inputs } = await prepare({ queries: 6, latencyMs: 5, variant, rows: 20, rounds: 50 });
    await closeDbConnections();
    const instance = await strategy.create({ workload: db, ref, params, concurrency: 2 });
    try {
      const outputs = await instance.runBatch(inputs, new CancelToken());
      expect(verifyAll(outputs, inputs)).toEqual(Array(6).fill(true));
      const onServer = await sql(
        "SELECT count(*)::int FROM pg_stat_activity WHERE application_name = 'paralab-db'",
      );
      expect([dbConnections().open, onServer]).toEqual([here, [[2]]]);
    } finally {
      await instance.close();
      await closeDbConnections();
    }
  });
});

describe('the db workload in a run', () => {
  it('is measured against the database the host starts for it, which the results record', async () => {
    const results = await runNode({
      workloads: ['db'],
      strategies: ['async', 'worker'],
      concurrency: [2],
      params: { db: { queries: 4, latencyMs: 2, variant: 'lookup', rows: 5 } },
      profile: TEST_PROFILE,
      lock: false,
    });
    expect(results.cells.map((c) => [c.strategy, c.status, c.reason, c.samples.length])).toEqual([
      ['async', 'ok', undefined, 3],
      ['worker', 'ok', undefined, 3],
    ]);
    expect(results.services?.postgres).toMatchObject({ version: expect.any(String) });
  });
});

describe('when the server goes away', () => {
  let own: Database;
  beforeAll(async () => {
    own = await startDatabase();
  });
  afterAll(() => own.close());

  it('a task fails with one line saying the connection was refused, and the cell is errored', async () => {
    // A real strategy that stops the server before its second batch: the warm-up passes, the sample fails.
    let batches = 0;
    const stopping: Strategy = {
      name: 'sequential',
      family: 'sequential',
      description: 'sequential, stopping the server before its second batch',
      async create(context) {
        const inner = await sequential.create(context);
        return {
          ...inner,
          async runBatch(inputs, cancel) {
            if (++batches === 2) await own.close();
            return inner.runBatch(inputs, cancel);
          },
        };
      },
    };
    const params = resolveParams(db, { queries: 3, latencyMs: 1 });
    const { cells } = await measure([{ workload: db, ref, params, strategy: stopping, concurrency: 1 }], {
      profile: TEST_PROFILE,
      seed: 1,
      availableParallelism: 2,
      timerResolutionMs: 0.001,
      services: { databaseUrl: own.url },
    });
    const port = new URL(own.url).port;
    expect([batches, cells[0]?.status, cells[0]?.reason]).toEqual([
      2,
      'errored',
      `db: query failed on 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
  });
});

describe('a thread or process that used db', () => {
  // The child runs two queries and ends its script without closing anything: its idle connections must not
  // keep it alive (they would for IDLE_TIMEOUT_MS, 30 s, past this test's 20 s limit).
  const script = (url: string) => `
    import { db } from '@paralab/node-api/workloads';
    const inputs = await db.prepare({ queries: 2, latencyMs: 1, variant: 'sleep', rows: 1, rounds: 1 }, { seed: 1, databaseUrl: ${JSON.stringify(url)} });
    const outputs = await Promise.all(inputs.map((input) => db.run(input)));
    process.stdout.write(JSON.stringify(outputs.map((output, i) => db.verify(output, inputs[i]))) + '\\n');
  `;

  it('exits by itself, its idle connections notwithstanding', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script(database.url)], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect([child.status, child.signal, child.stdout]).toEqual([0, null, '[true,true]\n']);
  });
});
