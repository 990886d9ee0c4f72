import { describe, expect, it } from 'vitest';
import { calibrateProbes, type ProbeScopeBase } from './calibration.js';
import {
  type CalibrationPeer,
  type FromCalibrationPeer,
  type PeerSource,
  payloadProbe,
  roundtripProbe,
  startupProbe,
  type ToCalibrationPeer,
} from './calibration-peers.js';
import { CancelToken } from './cancel.js';
import { type Profile, profiles } from './profiles.js';

// The probes' loops against an in-memory peer that answers like the runners' calibration workers do (or
// wrongly, on purpose): the runners test the same probes on real workers and processes.

const profile: Profile = {
  ...profiles.quick,
  name: 't',
  warmups: 0,
  minSamples: 1,
  maxSamples: 1,
  targetCiWidth: 1,
};

const scope = (): ProbeScopeBase & { close(): Promise<void> } => ({
  cancel: new CancelToken(),
  close: async () => {},
});

/** A peer that answers at once; `answer` may change what it says. */
function source(
  answer: (message: ToCalibrationPeer) => FromCalibrationPeer = echo,
): PeerSource<ProbeScopeBase> & { started: number; stopped: number; sent: ToCalibrationPeer[] } {
  const made = {
    primitive: 'test-peer',
    peer: 'test peer',
    started: 0,
    stopped: 0,
    sent: [] as ToCalibrationPeer[],
    start(): CalibrationPeer {
      made.started++;
      const queue: FromCalibrationPeer[] = [{ type: 'paralab:ready' }];
      return {
        send(message) {
          made.sent.push(message);
          queue.push(answer(message));
        },
        next: async () => queue.shift() ?? { type: 'paralab:ready' },
        stop() {
          made.stopped++;
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
  calibrateProbes({ profile, probes: [probe], makeScope: scope, timerResolutionMs: 0.001 });

describe('peer probes', () => {
  it('startup: one peer per operation, each stopped after, the options saying until what', async () => {
    const peers = source();
    const [cell] = await run(startupProbe(peers, { name: 'worker-startup', options: { api: 'new Worker' } }));
    expect(cell).toMatchObject({
      id: 'calibration(opsPerSample=1,probe=worker-startup)/test-peer@1',
      status: 'ok',
      options: { api: 'new Worker', until: 'first message' },
    });
    expect(peers.started).toBe(5);
    expect(peers.stopped).toBe(5);
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
    expect(cell?.reason).toMatch(/^unexpected answer from the test peer: /);
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
    expect(bad?.reason).toBe('unexpected answer from the test peer: echo of 63 bytes');
    expect(() => payloadProbe(peers, {}, { bytes: 1, mode: 'clone', opsPerSample: 1 })).toThrow(RangeError);
  });
});
