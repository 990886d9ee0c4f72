// `Deno.Command` as a launcher: Deno's own processes. Each child runs `entry/peer-command.js` (core's peer
// loop) and speaks core's peer protocol as JSON text sequences over its stdin and stdout (see `_json-seq`);
// its stderr is passed through and its end kept, so a child that runs out of memory is reported as such.
import { TextDecoderStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import {
  endOnce,
  type FromPeer,
  type Launcher,
  ParalabError,
  type PeerSetup,
  type RawPeer,
} from '@paralab/core';
import {
  describeExit,
  HEAP_LIMIT_ENV,
  heapLimitMb,
  KILL_GRACE_MS,
  processUsage,
  StderrTail,
} from '@paralab/host/process';
import { type DenoChildProcess, deno } from '../_deno.js';
import { denoRunArgs } from '../_run-args.js';
import { COMMAND_SETUP_ENV } from '../entry/_setup.js';
import { encodeFrame, frameReader } from './_json-seq.js';

/** The script every `Deno.Command` child runs (the built file). */
export const PEER_COMMAND_ENTRY: string = fileURLToPath(new URL('../entry/peer-command.js', import.meta.url));

/**
 * How long after a child's exit its stdout and stderr may stay open, ms: a grandchild that inherited them
 * would hold them open for its own life. Past this the child's end is reported anyway.
 */
const DRAIN_MS = 1_000;

const encoder = new TextEncoder();

/** `Deno.Command` children with piped stdin and stdout, each with the run's heap limit. */
export const denoCommandLauncher: Launcher = {
  primitive: 'deno-command',
  peerName: 'child process',
  kind: 'process',
  options: {
    library: 'Deno.Command',
    api: 'Deno.Command',
    channel: 'stdin/stdout pipes',
    serialization: 'json',
  },
  start: (setup) => commandPeer(setup),
  usage: (pids) => processUsage(pids),
};

function commandPeer(setup: PeerSetup): RawPeer {
  const limit = heapLimitMb();
  const child = new (deno().Command)(deno().execPath(), {
    args: denoRunArgs(PEER_COMMAND_ENTRY, limit),
    env: {
      [COMMAND_SETUP_ENV]: JSON.stringify(setup),
      [HEAP_LIMIT_ENV]: String(limit),
      DENO_NO_UPDATE_CHECK: '1',
    },
    stdin: 'piped',
    stdout: 'piped',
    stderr: 'piped',
  }).spawn();
  const tail = new StderrTail();
  const stderrDone = passThrough(child, tail);
  const writer = child.stdin.getWriter();
  let exited = false;
  void child.status.then(() => {
    exited = true;
  });
  let sendFailed: ((error: Error) => void) | undefined;
  return {
    pid: child.pid,
    post(message) {
      const frame = encoder.encode(encodeFrame(message));
      writer.write(frame).catch((error: Error) => {
        sendFailed?.(new ParalabError('ERR_WORKER', `could not send a task: ${error.message}`));
      });
    },
    connect(onMessage, onEnd) {
      const end = endOnce(onEnd);
      sendFailed = end;
      void ending(child, onMessage, stderrDone).then(({ code, signal }) =>
        end(new ParalabError('ERR_WORKER', describeExit(code, signal, { tail, heapLimitMb: limit }))),
      );
    },
    async stop() {
      if (exited) return;
      writer.close().catch(() => {});
      signal(child, 'SIGTERM');
      const timer = setTimeout(() => signal(child, 'SIGKILL'), KILL_GRACE_MS);
      try {
        await child.status;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * Reads the child's messages until its stdout closes, and resolves with how it ended once it has exited and
 * its output is read (or `DRAIN_MS` after its exit), so an answer written right before an exit is never lost.
 */
async function ending(
  child: DenoChildProcess,
  onMessage: (message: FromPeer) => void,
  stderrDone: Promise<void>,
): Promise<{ code: number | null; signal: string | null }> {
  const reader = frameReader(
    (message) => onMessage(message as FromPeer),
    (text) => process.stderr.write(text),
  );
  const read = (async () => {
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) reader.push(chunk);
    reader.end();
  })().catch(() => {});
  const status = await child.status;
  const drained = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref());
  await Promise.race([Promise.all([read, stderrDone]), drained]);
  return { code: status.signal ? null : status.code, signal: status.signal };
}

/** Copies a child's stderr to this process's, keeping its end (to say why it died). */
async function passThrough(child: DenoChildProcess, tail: StderrTail): Promise<void> {
  try {
    for await (const chunk of child.stderr) {
      tail.push(chunk);
      process.stderr.write(chunk);
    }
  } catch {
    // The stream broke with the child: what it wrote is kept.
  }
}

/** Sends a signal to a child that may have exited meanwhile. */
function signal(child: DenoChildProcess, name: string): void {
  try {
    child.kill(name);
  } catch {
    // Already gone.
  }
}
