import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Database,
  databaseUrlFromEnv,
  ensurePostgres,
  startDatabase,
  THROWAWAY_SETTINGS,
} from '@paralab/host';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// A fresh Debian machine gets Debian's postgresql here, as browser tests get Chromium (apt-get, ~30 s).
beforeAll(() => ensurePostgres((line) => process.stdout.write(`paralab: ${line}\n`)), 600_000);

/** Whether `pid` runs; a zombie (exited, not yet reaped) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
  } catch {
    return false;
  }
}

/** The postmaster and its children (checkpointer, walwriter, backends ...), read from /proc. */
function serverProcesses(postmaster: number): number[] {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === `${postmaster}`;
      } catch {
        return false;
      }
    });
  return [postmaster, ...children.map(Number)];
}

async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
}

async function ask(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query({ text: sql, rowMode: 'array' })).rows;
  } finally {
    await client.end();
  }
}

/** Settings the server reports back for `THROWAWAY_SETTINGS`. */
const RELAXED = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  wal_level: 'minimal',
  shared_buffers: '64MB',
  autovacuum: 'off',
  max_connections: '200',
};

describe('a throwaway PostgreSQL', () => {
  it('starts with relaxed durability, answers queries, and leaves no process or directory', async () => {
    const db = await startDatabase();
    const { dir, pid } = db as Required<Database>;
    let processes: number[] = [];
    try {
      expect([db.source, db.maxConnections, db.settings]).toEqual(['throwaway', 200, RELAXED]);
      expect(db.version).toMatch(/^\d+\.\d+/);
      expect(db.displayUrl).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(db.url).not.toBe(db.displayUrl);
      expect(await ask(db.url, 'SELECT 6 * 7, current_user')).toEqual([[42, 'postgres']]);
      expect(existsSync(join(dir, 'data', 'PG_VERSION'))).toBe(true);
      processes = serverProcesses(pid);
      expect(processes.length).toBeGreaterThan(1);
    } finally {
      await db.close();
    }
    expect([existsSync(dir), processes.filter(isAlive)]).toEqual([false, []]);
    await db.close();
  });

  it('asks for a password over TCP: the URL without it is refused', async () => {
    const db = await startDatabase();
    try {
      await expect(ask(db.displayUrl, 'SELECT 1')).rejects.toThrow(/password/);
    } finally {
      await db.close();
    }
  });

  it('records THROWAWAY_SETTINGS, the durability ones relaxed', () => {
    expect(THROWAWAY_SETTINGS).toMatchObject({
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
    });
  });
});

describe('a server given by PARALAB_DATABASE_URL', () => {
  let throwaway: Database;
  beforeAll(async () => {
    throwaway = await startDatabase();
  });
  afterAll(() => throwaway.close());

  it('is checked and described, and close() leaves it running', async () => {
    const db = await startDatabase({ url: throwaway.url });
    expect([db.source, db.version, db.maxConnections, db.settings, db.dir]).toEqual([
      'PARALAB_DATABASE_URL',
      throwaway.version,
      200,
      RELAXED,
      undefined,
    ]);
    await db.close();
    expect(await ask(throwaway.url, 'SELECT 1')).toEqual([[1]]);
  });

  it('is unsupported, with the reason and without the password, when it does not answer', async () => {
    const url = 'postgresql://someone:s3cret@127.0.0.1:1/nothing';
    await expect(startDatabase({ url, timeoutMs: 10_000 })).rejects.toMatchObject({
      code: 'ERR_UNSUPPORTED',
      message:
        'PARALAB_DATABASE_URL (postgresql://someone@127.0.0.1:1/nothing) does not answer: connect ECONNREFUSED 127.0.0.1:1',
    });
  });

  it.each([
    [{ PARALAB_DATABASE_URL: ' postgresql://a@b/c ' }, 'postgresql://a@b/c'],
    [{ PARALAB_DATABASE_URL: '  ' }, undefined],
    [{}, undefined],
  ])('databaseUrlFromEnv(%j) is %j', (env, expected) => {
    expect(databaseUrlFromEnv(env)).toBe(expected);
  });
});

describe('without PostgreSQL', () => {
  it('is unsupported, saying how to get one, when binDir holds no server', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'paralab-empty-'));
    try {
      await expect(startDatabase({ binDir: empty })).rejects.toMatchObject({
        code: 'ERR_UNSUPPORTED',
        message: `no PostgreSQL in ${empty} (no postgres and initdb there): install Debian's postgresql package (apt-get install -y postgresql) or set PARALAB_DATABASE_URL`,
      });
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it.each([
    [{ url: '' }, TypeError, 'options.url must be a non-empty connection URL, got ""'],
    [{ timeoutMs: 0 }, RangeError, 'options.timeoutMs must be a positive number, got 0'],
    [{ binDir: '' }, TypeError, 'options.binDir must be a non-empty path, got ""'],
  ])('rejects the options %j', async (options, type, message) => {
    const starting = startDatabase(options);
    await expect(starting).rejects.toThrow(type);
    await expect(starting).rejects.toThrow(message);
  });
});

describe('when the process that started it dies', () => {
  // The child starts a server, prints where it is, and waits to be killed.
  const script = `
    import { startDatabase } from '@paralab/host';
    const db = await startDatabase();
    process.stdout.write(JSON.stringify({ dir: db.dir, pid: db.pid, url: db.url }) + '\\n');
    setInterval(() => {}, 1000);
  `;

  function startChild(): Promise<{ child: ChildProcess; dir: string; pid: number; url: string }> {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: packageDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk;
        if (out.includes('\n')) resolve({ child, ...JSON.parse(out) });
      });
      child.once('exit', (code) => reject(new Error(`the child exited with code ${code} before starting`)));
    });
  }

  it.each([
    ['is killed by SIGKILL', 'SIGKILL', false],
    ['gets a Ctrl-C (SIGINT to its process group)', 'SIGINT', true],
  ] as const)('nothing is left when it %s', async (_, signal, group) => {
    const { child, dir, pid, url } = await startChild();
    expect(await ask(url, 'SELECT 1')).toEqual([[1]]);
    const processes = serverProcesses(pid);
    process.kill(group ? -(child.pid as number) : (child.pid as number), signal);
    const gone = await until(() => !existsSync(dir) && !processes.some(isAlive), 30_000);
    expect([gone, existsSync(dir), processes.filter(isAlive)]).toEqual([true, false, []]);
  });
});
