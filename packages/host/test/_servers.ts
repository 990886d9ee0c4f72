import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./fixtures/server.mjs', import.meta.url));

/** A fixture server in a child process (see fixtures/server.mjs). */
export interface TestServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** How often each path was asked. */
  hits(): Promise<Record<string, number>>;
  /** Kills the server (SIGKILL) and resolves once it has exited. */
  kill(): Promise<void>;
}

/** Starts the fixture server, each answer `delayMs` late; rejects after 10 s. */
export async function startServer(delayMs = 0): Promise<TestServer> {
  const child = fork(SERVER, [], { env: { ...process.env, DELAY_MS: String(delayMs) }, execArgv: [] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fixture server did not listen in 10 s')), 10_000);
    child.once('message', (message: { port: number }) => {
      clearTimeout(timer);
      resolve(message.port);
    });
    child.once('exit', (code) => reject(new Error(`the fixture server exited with code ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    hits: async () =>
      (await (await fetch(`${url}/hits`, { signal: AbortSignal.timeout(10_000) })).json()) as Record<
        string,
        number
      >,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Whether `pid` is running; an exited process not yet reaped (a zombie, on Linux) counts as gone. */
export function isAlive(pid: number): boolean {
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
}

/** Polls until `pid` is gone or `timeoutMs` has passed; resolves with whether it is gone. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return !isAlive(pid);
}
