// Forking a child the way every process of paralab's on Node's APIs is forked (a peer, a server): this
// process's Node flags as `childExecArgv` filters them plus a heap limit of its own, an IPC channel, and
// its stderr passed through with its end kept, so a child that runs out of memory is reported as such.
import { type ChildProcess, type ForkOptions, fork } from 'node:child_process';
import { childExecArgv, heapLimitMb, StderrTail } from '@paralab/host/process';

/** A forked child, the end of its stderr, and the heap limit it was given (MB). */
export interface ForkedChild {
  readonly child: ChildProcess;
  readonly tail: StderrTail;
  readonly heapLimitMb: number;
}

/** Forks `entry` with `env` added to this process's environment (and `serialization`, default JSON). */
export function forkChild(
  entry: string,
  env: Readonly<Record<string, string>>,
  serialization?: ForkOptions['serialization'],
): ForkedChild {
  const limit = heapLimitMb();
  const child = fork(entry, [], {
    ...(serialization ? { serialization } : {}),
    env: { ...process.env, ...env },
    execArgv: [...childExecArgv(process.execArgv), `--max-old-space-size=${limit}`],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const tail = new StderrTail();
  child.stderr?.on('data', (chunk: Buffer) => {
    tail.push(chunk);
    process.stderr.write(chunk);
  });
  return { child, tail, heapLimitMb: limit };
}
