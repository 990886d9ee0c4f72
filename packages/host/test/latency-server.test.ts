import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { type AnyWorkload, resolveParams } from '@paralab/core';
import { http, latencyDocument, pipeline } from '@paralab/core/workloads';
import { type LatencyServer, startLatencyServer } from '@paralab/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Whether `pid` is running; an exited process not yet reaped (a zombie, on Linux) counts as gone. */
const isAlive = (pid: number): boolean => {
  if (existsSync('/proc')) {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return !isAlive(pid);
}

/** Runs one workload's sample sequentially against the server; returns inputs and outputs. */
async function runSample(workload: AnyWorkload, overrides: Record<string, unknown>, serverUrl: string) {
  const params = resolveParams(workload, overrides);
  const inputs = await workload.prepare(params, { seed: 1, serverUrl });
  const outputs: unknown[] = [];
  for (const input of inputs) outputs.push(await workload.run(input));
  return { params, inputs, outputs };
}

describe('latency server', () => {
  let server: LatencyServer;
  beforeAll(async () => {
    server = await startLatencyServer();
  });
  afterAll(() => server.close());

  it('answers /latency/:ms/:id with paralab:<id>, no sooner than ms', async () => {
    const started = performance.now();
    const response = await fetch(`${server.url}/latency/60/17`);
    const body = await response.text();
    expect([response.status, response.headers.get('content-type'), body]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'paralab:17',
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });

  it('answers /doc/:ms/:id/:size with latencyDocument(id, size)', async () => {
    const response = await fetch(`${server.url}/doc/5/3/20000`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(latencyDocument(3, 20000));
  });

  it.each(['/nope', '/latency/5', '/latency/x/1', '/doc/5/1'])('answers %s with 404', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect([response.status, await response.text()]).toEqual([404, `not found: GET ${path}`]);
  });

  it('answers a document too large with 400', async () => {
    const response = await fetch(`${server.url}/doc/0/1/999999999`);
    expect(response.status).toBe(400);
  });

  it.each([
    ['/latency/0/1', 200],
    ['/doc/0/1/64', 200],
    ['/doc/0/1/999999999', 400],
    ['/nope', 404],
  ])('lets any origin read %s (status %i): a cross-origin isolated page fetches it', async (path, status) => {
    const response = await fetch(`${server.url}${path}`);
    await response.text();
    expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([status, '*']);
  });

  it('runs the http workload end to end, verified', async () => {
    const { params, inputs, outputs } = await runSample(
      http as AnyWorkload,
      { requests: 5, latencyMs: 2 },
      server.url,
    );
    expect(outputs).toEqual([0, 1, 2, 3, 4].map((id) => `paralab:${id}`));
    expect(inputs.map((input, i) => http.verify?.(outputs[i] as string, input, params as never))).toEqual(
      inputs.map(() => true),
    );
  });

  it('runs the pipeline workload end to end, as node:crypto computes it', async () => {
    const overrides = { documents: 3, latencyMs: 2, kib: 8, rounds: 4 };
    const { outputs } = await runSample(pipeline as AnyWorkload, overrides, server.url);
    const expected = [0, 1, 2].map((id) => {
      const text = latencyDocument(id, 8192);
      let digest = '';
      for (let round = 0; round < 4; round++)
        digest = createHash('sha256').update(digest).update(text).digest('hex');
      const names = [...text.matchAll(/<meta ([a-z-]+)="([^"]*)"/g)].map(([, key, value]) =>
        key === 'name' || key === 'property' ? value : null,
      );
      return { bytes: 8192, digest, metaTags: names.length, metaNames: names };
    });
    expect(outputs).toEqual(expected);
  });
});

describe('startLatencyServer', () => {
  it('close() stops the child process', async () => {
    const server = await startLatencyServer();
    expect(isAlive(server.pid)).toBe(true);
    await server.close();
    expect(isAlive(server.pid)).toBe(false);
    await expect(fetch(`${server.url}/latency/0/1`)).rejects.toThrow();
    await server.close();
  });

  it('the child exits when its parent exits without closing it', async () => {
    const script = `import { startLatencyServer } from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)};
const server = await startLatencyServer();
process.stdout.write(String(server.pid));`;
    const pid = Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 20_000,
      }),
    );
    expect(pid).toBeGreaterThan(0);
    expect(await waitForExit(pid, 5_000)).toBe(true);
  });

  it.each([
    [{ timeoutMs: 1 }, 'the latency server did not listen within 1 ms'],
    [{ timeoutMs: 0 }, 'options.timeoutMs must be a positive number, got 0'],
  ])('rejects %o', async (options, message) => {
    await expect(startLatencyServer(options)).rejects.toThrow(message);
  });
});
