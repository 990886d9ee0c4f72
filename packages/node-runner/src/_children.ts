import { type ChildProcess, execFile, fork } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ExternalUsage, ParalabError, type TaskPort, type WorkloadRef } from '@paralab/core';
import { CHILD_SETUP_ENV, type ChildSetup, type FromChild, type FromWorker } from './protocol.js';

/** The script every child process runs (the built file: children never load TypeScript sources of paralab). */
export const CHILD_ENTRY: string = fileURLToPath(new URL('./entry/process-child.js', import.meta.url));

/** How long a child gets to exit after SIGTERM before it is sent SIGKILL, ms. */
export const KILL_GRACE_MS = 2_000;

/**
 * How long a child may take to load its workload, ms. The loop's own watchdog usually gives up first; this
 * one makes sure a start that never finishes cannot leave children behind.
 */
const START_TIMEOUT_MS = 120_000;

const IS_LINUX = process.platform === 'linux';

/** Rejects with a one-line error when the child entry has not been built. */
export async function assertChildEntry(): Promise<void> {
  try {
    await access(CHILD_ENTRY);
  } catch {
    throw new ParalabError(
      'ERR_WORKER',
      `the child process entry ${CHILD_ENTRY} is missing: build @paralab/node-runner first (pnpm build)`,
    );
  }
}

/** Flags followed by a value (the next argument) that a child must not inherit. */
const DROPPED_WITH_VALUE = new Set([
  '-e',
  '--eval',
  '-p',
  '-pe',
  '--print',
  '--input-type',
  '--inspect-port',
  '--debug-port',
]);

/** Flags that a child must not inherit, alone or with their value after `=`. */
const DROPPED =
  /^(?:(?:-i|--interactive|-c|--check)$|--eval=|--print=|--input-type=|--debug-port=|--inspect|--test|--watch)/;

/**
 * The Node flags a child inherits: all of this process's but those that would make it run something other
 * than its entry (`-e`/`-p` with their code, `--input-type`, `-i`, `-c`: under `node -e`, a child would run
 * the parent's inline script again, and fork again) or that clash with the parent (`--inspect*`, `--test*`,
 * `--watch*`). `NODE_OPTIONS` is inherited with the environment.
 */
export function childExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i] as string;
    if (DROPPED_WITH_VALUE.has(arg)) i++;
    else if (!DROPPED.test(arg)) kept.push(arg);
  }
  return kept;
}

/**
 * Forks one child that loads the workload: structured clone over IPC (`serialization: 'advanced'`), stdout
 * and stderr shared with this process, this process's Node flags as `childExecArgv` filters them.
 */
export function forkChild(setup: ChildSetup): ChildProcess {
  const child = fork(CHILD_ENTRY, [], {
    serialization: 'advanced',
    env: { ...process.env, [CHILD_SETUP_ENV]: JSON.stringify(setup) },
    execArgv: childExecArgv(process.execArgv),
  });
  // Between batches nobody else listens, and an unheard 'error' would crash the runner. Such an error
  // still surfaces: as the child's exit, or as the failed send of the next task.
  child.on('error', () => {});
  return child;
}

/** Forks `count` warm children and resolves once every one has loaded the workload; on failure none is left. */
export async function startChildren(ref: WorkloadRef, count: number): Promise<ChildProcess[]> {
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < count; i++) children.push(forkChild({ ref, once: false }));
    await Promise.all(children.map(waitReady));
    return children;
  } catch (error) {
    await stopChildren(children);
    throw error;
  }
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new ParalabError('ERR_TIMEOUT', `a child process did not start in ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const onMessage = (message: FromChild): void => {
      if (message.type === 'paralab:ready') settle(() => resolve());
      else if (message.type === 'paralab:fatal') fail(new ParalabError('ERR_WORKER', message.message));
    };
    const onError = (error: Error): void => fail(spawnError(error));
    const onClose = (code: number | null, signal: NodeJS.Signals | null): void =>
      fail(new ParalabError('ERR_WORKER', `${describeExit(code, signal)} while starting`));
    const fail = (error: Error): void => settle(() => reject(error));
    const settle = (then: () => void): void => {
      clearTimeout(timer);
      child.off('message', onMessage).off('error', onError).off('close', onClose);
      then();
    };
    child.on('message', onMessage).on('error', onError).on('close', onClose);
  });
}

/**
 * A warm child as a task port. Deaths are reported on `close`, which Node emits only after the IPC channel
 * has delivered every message the child sent, so an answer sent right before an exit is never lost.
 */
export function childPort(child: ChildProcess): TaskPort {
  let onSendFailed: ((error: Error) => void) | undefined;
  return {
    send(message) {
      child.send(message, (error) => {
        if (error) onSendFailed?.(new ParalabError('ERR_WORKER', `could not send a task: ${error.message}`));
      });
    },
    listen(onMessage, onFail) {
      const onChildMessage = (message: FromChild): void => onMessage(message as FromWorker);
      const onError = (error: Error): void => onFail(spawnError(error));
      const onClose = (code: number | null, signal: NodeJS.Signals | null): void =>
        onFail(new ParalabError('ERR_WORKER', describeExit(code, signal)));
      onSendFailed = onFail;
      child.on('message', onChildMessage).on('error', onError).on('close', onClose);
      // A child that died between batches has already emitted its events.
      if (hasExited(child)) queueMicrotask(() => onClose(child.exitCode, child.signalCode));
      return () => {
        onSendFailed = undefined;
        child.off('message', onChildMessage).off('error', onError).off('close', onClose);
      };
    },
  };
}

/** "child process exited with code 7" or "child process was killed by SIGKILL". */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `child process was killed by ${signal}` : `child process exited with code ${code}`;
}

/** A child process that could not be started or signalled (`error` event). */
export function spawnError(error: Error): ParalabError {
  return new ParalabError('ERR_WORKER', `child process failed: ${error.message}`, { cause: error });
}

/** True once the process has exited (Node reaps it at once, so it leaves no zombie). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Ends a child: SIGTERM, SIGKILL after `graceMs`, and resolves once it has exited. Safe to call twice. */
export async function stopChild(child: ChildProcess, graceMs: number = KILL_GRACE_MS): Promise<void> {
  // A child whose spawn failed has no pid and nothing to stop.
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops every child at once (see `stopChild`). */
export async function stopChildren(children: Iterable<ChildProcess>): Promise<void> {
  await Promise.all(Array.from(children, (child) => stopChild(child)));
}

/** Adds up resource reports. */
export function addUsage(a: ExternalUsage, b: ExternalUsage): ExternalUsage {
  return {
    cpuUserMs: a.cpuUserMs + b.cpuUserMs,
    cpuSystemMs: a.cpuSystemMs + b.cpuSystemMs,
    rssBytes: a.rssBytes + b.rssBytes,
  };
}

/** No resources at all. */
export const NO_USAGE: ExternalUsage = Object.freeze({ cpuUserMs: 0, cpuSystemMs: 0, rssBytes: 0 });

/**
 * Cumulative CPU time and current RSS of live processes, summed; processes already gone count as zero.
 * Linux: `/proc/<pid>/stat` (utime, stime in clock ticks, RSS in pages). Elsewhere: pidusage, whose
 * `ctime` is user + system together, so all of it is reported as user time there.
 */
export async function processUsage(pids: Iterable<number | undefined>): Promise<ExternalUsage> {
  const live = Array.from(pids).filter((pid): pid is number => pid !== undefined);
  const reports = await Promise.all(live.map(IS_LINUX ? procUsage : pidusageUsage));
  return reports.reduce(addUsage, NO_USAGE);
}

async function procUsage(pid: number): Promise<ExternalUsage> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return NO_USAGE;
  }
  const { clockTick, pageSize } = await systemConstants();
  // Fields after the command name, which is in parentheses and may itself contain spaces: state is [0],
  // utime [11], stime [12], rss [21] (proc(5) numbers them 3, 14, 15, 24).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = (index: number): number => Number(fields[index] ?? 0);
  return {
    cpuUserMs: (ticks(11) * 1000) / clockTick,
    cpuSystemMs: (ticks(12) * 1000) / clockTick,
    rssBytes: fields[0] === 'Z' ? 0 : ticks(21) * pageSize,
  };
}

async function pidusageUsage(pid: number): Promise<ExternalUsage> {
  try {
    const { default: pidusage } = await import('pidusage');
    const stat = await pidusage(pid);
    return { cpuUserMs: stat.ctime, cpuSystemMs: 0, rssBytes: stat.memory };
  } catch {
    return NO_USAGE;
  }
}

let constants: Promise<{ clockTick: number; pageSize: number }> | undefined;

/** The clock tick (`getconf CLK_TCK`, 100 on Linux) and page size, read once. */
function systemConstants(): Promise<{ clockTick: number; pageSize: number }> {
  constants ??= Promise.all([getconf('CLK_TCK', 100), getconf('PAGESIZE', 4096)]).then(
    ([clockTick, pageSize]) => ({ clockTick, pageSize }),
  );
  return constants;
}

async function getconf(name: string, fallback: number): Promise<number> {
  try {
    const { stdout } = await promisify(execFile)('getconf', [name]);
    const value = Number(stdout.trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}
