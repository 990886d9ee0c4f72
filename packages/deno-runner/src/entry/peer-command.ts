// A `Deno.Command` child of the `process` and `process-cold` strategies and calibration probes: core's peer
// loop over stdin and stdout, as JSON text sequences (see `launchers/_json-seq`). Its stdout is the channel,
// so console output goes to stderr. Never an orphan: when the parent goes away, stdin closes and it exits.
import { TextDecoderStream } from 'node:stream/web';
import { faultsOfThisScope, type PeerSetup, servePeer, type ToPeer } from '@paralab/core/peer';
import { loadWorkload, ownUsage } from '@paralab/node-api/runtime';
import { deno } from '../_deno.js';
import { encodeFrame, frameReader } from '../launchers/_json-seq.js';
import { COMMAND_SETUP_ENV } from './_setup.js';

/** Console methods that write to stdout: sent to stderr instead, so they never mix with messages. */
const TO_STDERR = ['log', 'info', 'debug', 'dir', 'dirxml', 'table'] as const;

const Deno = deno();
// biome-ignore lint/suspicious/noConsole: a workload's console output must not reach stdout, the channel
for (const method of TO_STDERR) console[method] = console.error.bind(console);
const setup = JSON.parse(Deno.env.get(COMMAND_SETUP_ENV) ?? 'null') as PeerSetup | null;
Deno.env.delete(COMMAND_SETUP_ENV);

const writer = Deno.stdout.writable.getWriter();
const encoder = new TextEncoder();
const listeners: ((message: ToPeer) => void)[] = [];

servePeer(
  {
    post: (message) => writer.write(encoder.encode(encodeFrame(message))),
    onMessage: (listener) => listeners.push(listener),
  },
  {
    load: loadWorkload,
    onFault: faultsOfThisScope, // Deno's own events: preventDefault keeps the process alive
    usage: ownUsage,
    exit: (code) => Deno.exit(code),
  },
  setup ?? {},
);

const reader = frameReader(
  (message) => {
    for (const listener of listeners) listener(message as ToPeer);
  },
  (text) => process.stderr.write(`paralab: not a message on stdin: ${text.slice(0, 200)}\n`),
);
for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) reader.push(chunk);
// The parent closed stdin (it stopped this peer, or it is gone).
Deno.exit(0);
