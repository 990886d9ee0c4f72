import { describe, expect, it } from 'vitest';
import { calibrateProbes } from './calibration.js';
import {
  BUSY_ROUNDTRIP_MS,
  LaunchScope,
  PIPELINED_BUSY_MS,
  payloadProbe,
  pipelinedBusyProbes,
  roundtripProbe,
  roundtripProbes,
  startupProbe,
} from './calibration-peers.js';
import type { Launcher } from './launch/launcher.js';
import type { FromCalibrationPeer, FromPeer, ToCalibrationPeer, ToPeer } from './peer/protocol.js';
import { type Profile, profiles } from './profiles.js';

// The probes' loops against an in-memory launcher whose peers answer like the runners' peers do (or
// wrongly, on purpose): the runners test the same probes on real workers and processes.

const profile: Profile = {
  ...profiles.quick,
  name: 't',
  warmups: 0,
  minSamples: 1,
  maxSamples: 1,
  targetCiWidth: 1,
};

/** A launcher whose peers answer at once; `answer` may change what they say. */
function source(answer: (message: ToCalibrationPeer) => FromCalibrationPeer = echo): Launcher & {
  started: number;
  stopped: number;
  sent: ToCalibrationPeer[];
  byPeer: ToCalibrationPeer[][];
} {
  const made = {
    primitive: 'test-peer',
    peerName: 'test peer',
    kind: 'thread' as const,
    options: {},
    started: 0,
    stopped: 0,
    sent: [] as ToCalibrationPeer[],
    byPeer: [] as ToCalibrationPeer[][],
    start() {
      made.started++;
      const mine: ToCalibrationPeer[] = [];
      made.byPeer.push(mine);
      let deliver: (message: FromPeer) => void = () => {};
      let end: (reason: Error) => void = () => {};
      return {
        post(message: ToPeer) {
          if (message.type !== 'paralab:ping' && message.type !== 'paralab:echo') return;
          made.sent.push(message);
          mine.push(message);
          Promise.resolve().then(() => deliver(answer(message)));
        },
        connect(onMessage: (message: FromPeer) => void, onEnd: (reason: Error) => void) {
          deliver = onMessage;
          end = onEnd;
          Promise.resolve().then(() => deliver({ type: 'paralab:ready' }));
        },
        async stop() {
          made.stopped++;
          end(new Error('stopped'));
        },
      };
    },
  };
  return made;
}

function echo(message: ToCalibrationPeer): FromCalibrationPeer {
  return message.type === 'paralab:ping'
    ? { type: 'paralab:pong', id: message.id }
    : { type: 'paralab:echo', data: message.data.slice() };
}

const run = (probe: Parameters<typeof calibrateProbes>[0]['probes'][number]) =>
  calibrateProbes({
    profile,
    probes: [probe],
    makeScope: () => new LaunchScope(),
    timerResolutionMs: 0.001,
  });

describe('peer probes', () => {
  it('startup: one peer per operation, each stopped after, the options saying until what', async () => {
    const peers = source();
    const [cell] = await run(startupProbe(peers, { name: 'worker-startup', options: { api: 'new Worker' } }));
    expect(cell).toMatchObject({
      id: 'calibration(opsPerSample=1,probe=worker-startup)/test-peer@1',
      status: 'ok',
      options: { api: 'new Worker', until: 'first message' },
    });
    expect(peers.started).toBe(20);
    expect(peers.stopped).toBe(20);
  });

  it('round trip: 100 pings a sample to one warm peer, each answered with its id', async () => {
    const peers = source();
    const [cell] = await run(
      roundtripProbe(peers, { name: 'message-roundtrip', options: { api: 'postMessage' } }),
    );
    expect(cell?.status).toBe('ok');
    expect(peers.started).toBe(1);
    expect(peers.sent.slice(0, 3)).toEqual([
      { type: 'paralab:ping', id: 0 },
      { type: 'paralab:ping', id: 1 },
      { type: 'paralab:ping', id: 2 },
    ]);
  });

  it('busy round trips: the peer is asked to be busy first, and the busy time is not counted', async () => {
    // This peer answers at once (it ignores busyMs), so each round trip takes far less than the busy
    // time: what the probe records is the round trip minus the busy time, below 0 here, which proves the
    // subtraction (a real peer spins first: packages' calibration tests run real ones).
    const peers = source();
    const [plain, ...busy] = roundtripProbes(peers, { name: 'message-roundtrip', options: {} });
    expect(plain?.name).toBe('message-roundtrip');
    expect(busy.map((p) => [p.name, p.params, p.opsPerSample])).toEqual(
      BUSY_ROUNDTRIP_MS.map((busyMs) => [
        'busy-roundtrip',
        { busyMs, of: 'message-roundtrip' },
        Math.max(3, Math.round(10 / busyMs)),
      ]),
    );
    const [cell] = await run(busy[2] as NonNullable<(typeof busy)[number]>);
    expect(peers.sent[0]).toEqual({ type: 'paralab:ping', id: 0, busyMs: 1 });
    expect(cell?.status).toBe('ok');
    expect(Math.max(...(cell?.samples ?? []))).toBeLessThan(0);
  });

  it('pipelined busy: every task of a sample at once, round-robin over the lanes, the work not counted', async () => {
    // These peers answer at once (they ignore `steps`), so a sample takes far less than its work: what the
    // probe records per task and lane, (elapsed - n × taskMs / lanes) × lanes / n, is then just above
    // -taskMs, which proves the subtraction (the runners' calibration tests run real peers).
    const peers = source();
    const probes = pipelinedBusyProbes(peers, { name: 'message-roundtrip', options: {} }, 2);
    expect(probes.map((p) => [p.name, p.params, p.opsPerSample, p.options])).toEqual(
      PIPELINED_BUSY_MS.map((taskMs) => [
        'pipelined-busy',
        { taskMs, lanes: 2, of: 'message-roundtrip' },
        Math.round(20 / taskMs),
        { inFlight: 'pipelined' },
      ]),
    );
    const [cell] = await run(probes[3] as NonNullable<(typeof probes)[number]>); // 20 tasks of 1.024 ms
    expect(cell?.status).toBe('ok');
    expect(peers.started).toBe(2);
    const [first, second] = peers.byPeer;
    // Each peer first runs 15 untimed tasks of 10 ms (the kernel warms up), then the timed ones.
    const timed = (sent: ToCalibrationPeer[] | undefined) => (sent ?? []).slice(15);
    const ids = (sent: ToCalibrationPeer[] | undefined) =>
      timed(sent)
        .slice(0, 3)
        .map((m) => (m.type === 'paralab:ping' ? m.id : -1));
    expect([ids(first), ids(second)]).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    const steps = (sent: ToCalibrationPeer[]) => sent.map((m) => (m.type === 'paralab:ping' ? m.steps : 0));
    const [warm, task] = [steps((first ?? []).slice(0, 15)), steps(timed(first))];
    expect(new Set(warm).size).toBe(1);
    expect(new Set(task).size).toBe(1); // the same fixed work in every task
    expect((warm[0] ?? 0) / (task[0] ?? 1)).toBeCloseTo(10 / 1.024, 1);
    for (const sample of cell?.samples ?? []) {
      expect(sample).toBeLessThan(0);
      expect(sample).toBeGreaterThan(-1.024);
    }
    expect(() => pipelinedBusyProbes(peers, { name: 'x', options: {} }, 0)).toThrow(RangeError);
  });

  it.each([
    [
      'a pong with another id',
      (m: ToCalibrationPeer): FromCalibrationPeer => ({
        type: 'paralab:pong',
        id: m.type === 'paralab:ping' ? m.id + 1 : 0,
      }),
    ],
    [
      'an echo instead of a pong',
      (): FromCalibrationPeer => ({ type: 'paralab:echo', data: new Uint8Array(3) }),
    ],
  ])('round trip: a peer that answers %s makes the cell errored, in one line', async (_what, answer) => {
    const [cell] = await run(roundtripProbe(source(answer), { name: 'message-roundtrip', options: {} }));
    expect(cell?.status).toBe('errored');
    expect(cell?.reason).toMatch(/^unexpected answer from the calibration test peer: /);
  });

  it('payload: sends the bytes, checks them on return, and records the serialization', async () => {
    const peers = source();
    const [cell] = await run(
      payloadProbe(peers, { api: 'postMessage' }, { bytes: 64, mode: 'transfer', opsPerSample: 3 }),
    );
    expect(cell).toMatchObject({
      params: { bytes: 64, mode: 'transfer', probe: 'payload-roundtrip', opsPerSample: 3 },
      options: { api: 'postMessage', serialization: 'transfer' },
      status: 'ok',
    });
    const sent = peers.sent[0];
    expect(sent?.type === 'paralab:echo' && [sent.data.byteLength, sent.data[63], sent.transfer]).toEqual([
      64,
      0x5a,
      true,
    ]);
    const truncated = source((m) => ({
      type: 'paralab:echo',
      data: m.type === 'paralab:echo' ? m.data.subarray(1) : new Uint8Array(),
    }));
    const [bad] = await run(payloadProbe(truncated, {}, { bytes: 64, mode: 'clone', opsPerSample: 1 }));
    expect(bad?.reason).toBe('unexpected answer from the calibration test peer: echo of 63 bytes');
    expect(() => payloadProbe(peers, {}, { bytes: 1, mode: 'clone', opsPerSample: 1 })).toThrow(RangeError);
  });
});
