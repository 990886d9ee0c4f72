import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type LoadGenerator,
  type LoadRequest,
  loadGeneratorInfo,
  type RequestSpec,
  runLoad,
  startLoadGenerator,
} from '../dist/index.js';
import { isAlive, startServer, type TestServer, waitForExit } from './_servers.js';

const AUTOCANNON_VERSION: string = createRequire(import.meta.url)('autocannon/package.json').version;
const INDEX = new URL('../dist/index.js', import.meta.url).href;

/** `count` requests to `/<route>/<id>`, each expecting `done:<id>`. */
const specs = (route: string, count: number): RequestSpec[] =>
  Array.from({ length: count }, (_, id) => ({
    path: `/${route}/${id}`,
    expect: { status: 200, body: `done:${id}` },
  }));

/** Resolves once `server` has been asked at least `count` requests (polling; vitest's timeout is the watchdog). */
async function untilHits(server: TestServer, count: number): Promise<void> {
  const total = async () => Object.values(await server.hits()).reduce((sum, n) => sum + n, 0);
  while ((await total()) < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Every path of `specs` asked `times` times. */
const eachPath = (requests: RequestSpec[], times = 1): Record<string, number> =>
  Object.fromEntries(requests.map((spec) => [spec.path, times]));

describe('the load generator', () => {
  let generator: LoadGenerator;
  let server: TestServer;
  const servers: TestServer[] = [];
  beforeAll(async () => {
    generator = await startLoadGenerator();
    server = await startServer();
  });
  afterEach(async () => {
    for (const extra of servers.splice(0)) await extra.kill();
  });
  afterAll(async () => {
    await generator?.close();
    await server?.kill();
  });

  const load = (overrides: Partial<LoadRequest> & Pick<LoadRequest, 'requests'>, url = server.url) =>
    runLoad(generator.url, { url, total: overrides.requests.length, connections: 10, ...overrides });

  it('says what it is', async () => {
    const info = {
      name: 'autocannon',
      version: AUTOCANNON_VERSION,
      runtime: `node ${process.versions.node}`,
    };
    expect([generator.generator, await loadGeneratorInfo(generator.url)]).toEqual([info, info]);
  });

  it('sends every request once and checks every answer', async () => {
    const requests = specs('work', 500);
    const result = await load({ requests });
    expect(await server.hits()).toEqual(eachPath(requests));
    const { ok, mismatched, answered, unanswered, errors, timeouts, non2xx, deadlineHit } = result;
    expect({ ok, mismatched, answered, unanswered, errors, timeouts, non2xx, deadlineHit }).toEqual({
      ok: 500,
      mismatched: 0,
      answered: 500,
      unanswered: 0,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      deadlineHit: false,
    });
    const { p50, p90, p99, max, mean, count } = result.latencyMs;
    expect(count).toBe(500);
    expect(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= max && mean <= max).toBe(true);
    expect(result.requestsPerSecond).toBeCloseTo((500 * 1000) / result.wallMs, 6);
    expect(result.bytes).toBeGreaterThan(500 * 'done:0'.length);
    expect(result.generatorCpu.userMs + result.generatorCpu.systemMs).toBeGreaterThan(0);
    expect(result.generator).toEqual(generator.generator);
  });

  it('counts wrong bodies as mismatched, and says which', async () => {
    const requests = specs('wrong', 100);
    const result = await load({ requests });
    // Ids 0, 7, ..., 98 are answered `oops:<id>`.
    expect([result.ok, result.mismatched, result.answered, result.non2xx]).toEqual([85, 15, 100, 0]);
    expect(result.mismatchSamples.length).toBe(5);
    for (const sample of result.mismatchSamples) {
      const id = /^GET \/wrong\/(\d+): body "oops:\1", expected "done:\1"$/.exec(sample)?.[1];
      expect(Number(id) % 7).toBe(0);
    }
  });

  it('counts a wrong status as mismatched and as non-2xx', async () => {
    const result = await load({ requests: specs('fail', 100) });
    // Ids 0, 5, ..., 95 are answered 500 with the right body.
    expect([result.ok, result.mismatched, result.non2xx, result.errors]).toEqual([80, 20, 20, 0]);
    expect(result.mismatchSamples[0]).toMatch(
      /^GET \/fail\/\d+: status 500, expected 200 \(body "done:\d+"\)$/,
    );
  });

  it('checks bodies by SHA-256', async () => {
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
    const requests = Array.from({ length: 50 }, (_, id) => ({
      path: `/work/${id}`,
      expect: { status: 200, sha256: sha256(id === 3 ? 'done:three' : `done:${id}`) },
    }));
    const result = await load({ requests });
    expect([result.ok, result.mismatched]).toEqual([49, 1]);
    expect(result.mismatchSamples).toEqual([
      `GET /work/3: body "done:3" has sha256 ${sha256('done:3')}, expected ${sha256('done:three')}`,
    ]);
  });

  it('sends bodies and cycles through the requests', async () => {
    const requests = ['a', 'bb', 'ccc'].map((body) => ({
      method: 'POST' as const,
      path: `/echo/${body}`,
      body,
      expect: { status: 200, body },
    }));
    const result = await load({ requests, total: 30, connections: 4 });
    expect([result.ok, result.mismatched, result.answered]).toEqual([30, 0, 30]);
    expect(await server.hits()).toMatchObject(eachPath(requests, 10));
  });

  it('measures the watched processes over the batch', async () => {
    const result = await load({
      requests: specs('work', 2000),
      watchPids: [server.child.pid as number, 2 ** 31 - 2],
    });
    const [alive, gone] = result.watched ?? [];
    expect(alive?.alive).toBe(true);
    expect(alive?.rssBytes).toBeGreaterThan(0);
    expect((alive?.cpuUserMs ?? 0) + (alive?.cpuSystemMs ?? 0)).toBeGreaterThan(0);
    expect(gone).toEqual({ pid: 2 ** 31 - 2, cpuUserMs: 0, cpuSystemMs: 0, rssBytes: 0, alive: false });
  });

  it('ends by itself, errors counted, when the server dies mid-batch', async () => {
    const dying = await startServer(5);
    servers.push(dying);
    const requests = specs('work', 4000);
    const batch = load({ requests, timeoutMs: 30_000, deadlineMs: 60_000 }, dying.url);
    await untilHits(dying, 100);
    await dying.kill();
    const result = await batch;
    // Neither a timeout nor the deadline ended it: the refused connections did.
    expect([result.deadlineHit, result.timeouts]).toEqual([false, 0]);
    expect(result.answered).toBeGreaterThan(0);
    expect(result.answered).toBeLessThan(4000);
    expect(result.errors).toBeGreaterThan(0);
    expect([result.ok, result.unanswered]).toEqual([result.answered, 4000 - result.answered]);
  });

  it('ends at its deadline when the server stops answering', async () => {
    const stopped = await startServer();
    servers.push(stopped);
    stopped.child.kill('SIGSTOP');
    try {
      const result = await load(
        { requests: specs('work', 100), timeoutMs: 1_000, deadlineMs: 2_500 },
        stopped.url,
      );
      expect([result.deadlineHit, result.answered, result.unanswered]).toEqual([true, 0, 100]);
      expect(result.timeouts).toBeGreaterThan(0);
    } finally {
      stopped.child.kill('SIGCONT');
    }
  });

  it('runs one batch at a time', async () => {
    const slow = await startServer(20);
    servers.push(slow);
    const first = load({ requests: specs('work', 100), connections: 1 }, slow.url);
    await untilHits(slow, 1);
    await expect(load({ requests: specs('work', 10) })).rejects.toThrow(
      `the load generator refused ${generator.url}/run: HTTP 409 the load generator is already running a batch`,
    );
    expect((await first).ok).toBe(100);
  });

  it.each([
    [{ connections: 0 }, 'request.connections must be an integer from 1 to 10000, got 0'],
    [{ connections: 20, total: 10 }, 'request.total must be an integer from 20 to 100000000, got 10'],
    [
      { url: 'http://10.0.0.1:80' },
      'request.url must be an http origin on the loopback interface, got "http://10.0.0.1:80"',
    ],
    [
      { url: 'http://127.0.0.1:80/x' },
      'request.url must be an http origin on the loopback interface, got "http://127.0.0.1:80/x"',
    ],
    [{ timeoutMs: 500 }, 'request.timeoutMs must be an integer from 1000 to 3600000, got 500'],
    [{ requests: [] }, 'request.requests must be an array of 1 to 1000000 requests, got []'],
    [
      { requests: [{ path: '/a', expect: { status: 200 } }] },
      'request.requests[0].expect must have exactly one of body and sha256: every response is checked',
    ],
    [
      { requests: [{ path: 'a', expect: { status: 200, body: '' } }] },
      'request.requests[0].path must be a path starting with / and without spaces, got "a"',
    ],
    [
      { requests: [{ path: '/', expect: { status: 200, sha256: 'ABC' } }] },
      'request.requests[0].expect.sha256 must be 64 lowercase hex digits, got "ABC"',
    ],
    [{ watchPids: [0] }, 'request.watchPids[0] must be an integer from 1 to 2147483647, got 0'],
  ])('rejects %o', async (overrides, message) => {
    const request = { url: server.url, total: 10, connections: 2, requests: specs('work', 1), ...overrides };
    await expect(runLoad(generator.url, request as LoadRequest)).rejects.toThrow(message);
  });

  it('answers a request it cannot use with 400, whoever sends it', async () => {
    const post = async (body: string) => {
      const response = await fetch(`${generator.url}/run`, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return [response.status, await response.text()];
    };
    expect(await post('{')).toEqual([400, expect.stringMatching(/^the load request is not JSON: /)]);
    expect(await post(JSON.stringify({ url: server.url, total: 1, connections: 1, requests: [] }))).toEqual([
      400,
      'request.requests must be an array of 1 to 1000000 requests, got []',
    ]);
  });
});

describe('startLoadGenerator', () => {
  it('close() ends the generator process', async () => {
    const generator = await startLoadGenerator();
    expect(isAlive(generator.pid)).toBe(true);
    await generator.close();
    expect(isAlive(generator.pid)).toBe(false);
    await expect(loadGeneratorInfo(generator.url)).rejects.toThrow(
      /^the load generator at .* did not answer/,
    );
    await generator.close();
  });

  it('the generator exits when its parent is killed (SIGKILL)', async () => {
    const script = `import { startLoadGenerator } from ${JSON.stringify(INDEX)};
const generator = await startLoadGenerator();
process.stdout.write(generator.pid + '\\n');
setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const pid = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the parent did not start a generator in 20 s')),
          20_000,
        );
        parent.stdout.once('data', (chunk: Buffer) => {
          clearTimeout(timer);
          resolve(Number(chunk.toString().trim()));
        });
      });
      expect(isAlive(pid)).toBe(true);
      parent.kill('SIGKILL');
      expect(await waitForExit(pid, 5_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it.each([
    [{ timeoutMs: 1 }, 'the load generator did not listen within 1 ms'],
    [{ timeoutMs: 0 }, 'options.timeoutMs must be a positive number, got 0'],
  ])('rejects %o', async (options, message) => {
    await expect(startLoadGenerator(options)).rejects.toThrow(message);
  });
});
