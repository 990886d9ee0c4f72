import { describe, expect, it } from 'vitest';
import { ParalabError } from '../errors.js';
import { resolveParams } from '../workload.js';
import { calibrateSteps, type GrainInput, grain, lcgJump, lcgSteps, type StepClock } from './grain.js';

describe('the LCG kernel and its skip-ahead', () => {
  it.each([
    // x1 = C = 1013904223; x2 = (1664525 × 1013904223 + 1013904223) mod 2^32; and so on (Python's big ints).
    { seed: 0, steps: 1, want: 1013904223 },
    { seed: 0, steps: 2, want: 1196435762 },
    { seed: 0, steps: 3, want: 3519870697 },
    { seed: 12345, steps: 1000, want: 350778849 },
  ])('$steps steps from $seed: $want', ({ seed, steps, want }) => {
    expect(lcgSteps(seed, steps)).toBe(want);
    expect(lcgJump(seed, steps)).toBe(want);
  });

  it('the skip-ahead equals the loop for any seed and count', () => {
    for (const seed of [0, 1, 0xffffffff, 123456789])
      for (const steps of [0, 1, 2, 7, 1024, 12345, 2 ** 20 + 7])
        expect(lcgJump(seed, steps)).toBe(lcgSteps(seed, steps));
  });
});

describe('calibrateSteps', () => {
  /**
   * A clock that advances by `nsPerStep(now)` for every step run (the kernel's speed may change over time,
   * as when the JIT's optimized code arrives), and by `late(run)` ms more on the run-th run (interference).
   */
  function fakeClock(
    nsPerStep: (nowMs: number) => number,
    late: (run: number) => number = () => 0,
  ): StepClock {
    let time = 0;
    let runs = 0;
    return {
      run: (steps) => {
        time += (steps * nsPerStep(time)) / 1e6 + late(runs++);
      },
      now: () => time,
    };
  }

  it('doubles until a run takes 10 ms, then keeps the fastest run', () => {
    // 2 ns a step: 1024 × 2^13 = 8388608 steps take 16.78 ms (2^12 × 1024 take 8.39, under 10): 8388608 steps
    // in 16777.216 µs = 500 steps per µs.
    expect(calibrateSteps(fakeClock(() => 2))).toBeCloseTo(500, 6);
  });

  it('a run slowed down (interference) does not count: the fastest does', () => {
    // Every third run ends 3 ms late, the doubling runs included; the rest run at 2 ns a step.
    expect(
      calibrateSteps(
        fakeClock(
          () => 2,
          (run) => (run % 3 === 0 ? 3 : 0),
        ),
      ),
    ).toBeCloseTo(500, 6);
  });

  it('waits for a kernel that gets faster (the JIT) until it stops getting faster', () => {
    // 10 ns a step for the first 150 ms of the clock, then 2 ns: 500 steps per µs in the end. Timing the
    // fastest of the first five runs after the doubling (~50 ms in) would have said 100, tasks 5x too small.
    expect(calibrateSteps(fakeClock((now) => (now < 150 ? 10 : 2)))).toBeCloseTo(500, 6);
  });

  it('stops on a machine whose runs keep getting faster, after a bounded number of runs', () => {
    let speed = 2;
    const clock = fakeClock(() => {
      speed *= 0.999;
      return speed;
    });
    expect(calibrateSteps(clock)).toBeGreaterThan(0);
  });

  it('rejects a clock that does not move', () => {
    expect(() => calibrateSteps({ run: () => {}, now: () => 0 })).toThrow(ParalabError);
  });
});

describe('grain', () => {
  const prepare = async (overrides: Record<string, number>): Promise<GrainInput[]> =>
    grain.prepare(resolveParams(grain, overrides), { seed: 7 });

  it('splits totalMs into tasks of taskUs, each sized by the rate it calibrated on this thread', async () => {
    const inputs = await prepare({ taskUs: 50, totalMs: 10 });
    // 10 ms = 10000 µs in tasks of 50 µs: 200 tasks.
    expect(inputs).toHaveLength(200);
    const rate = inputs[0]?.itersPerUs ?? 0;
    expect(rate).toBeGreaterThan(0);
    for (const [index, input] of inputs.entries())
      expect(input).toEqual({
        index,
        seed: expect.any(Number),
        iterations: Math.round(50 * rate),
        itersPerUs: rate,
        taskUs: 50,
      });
    expect(new Set(inputs.map((i) => i.seed)).size).toBe(200);
    // Seeds are small integers to every V8: 30 bits, non-negative (31-bit Smis where pointers are
    // compressed, as in Chromium). Others reach the kernel as heap numbers, its optimized code bails out on
    // them, and a worker ran the same task up to 5x slower than the calibrating thread.
    expect(inputs.filter((i) => !(Number.isInteger(i.seed) && i.seed >= 0 && i.seed < 2 ** 30))).toEqual([]);
    expect(inputs.some((i) => i.seed >= 2 ** 29)).toBe(true); // the 30th bit is used
  });

  it('rounds the task count: 1 ms in 3 µs tasks is 333 tasks; at least one task', async () => {
    expect(await prepare({ taskUs: 3, totalMs: 1 })).toHaveLength(333);
    expect(await prepare({ taskUs: 5000, totalMs: 1 })).toHaveLength(1);
  });

  it('verifies each output against the skip-ahead, and catches a wrong one', async () => {
    const inputs = await prepare({ taskUs: 20, totalMs: 2 });
    const params = resolveParams(grain, { taskUs: 20, totalMs: 2 });
    for (const input of inputs) expect(grain.verify?.(await grain.run(input), input, params)).toBe(true);
    const first = inputs[0] as GrainInput;
    const wrong = ((await grain.run(first)) + 1) >>> 0;
    expect(grain.verify?.(wrong, first, params)).toBe(
      `expected ${lcgJump(first.seed, first.iterations)}, got ${wrong}`,
    );
  });

  it('refuses more than a million tasks before calibrating', async () => {
    await expect(prepare({ taskUs: 1, totalMs: 2000 })).rejects.toThrow(
      'grain: totalMs 2000 / taskUs 1 makes 2000000 tasks, more than 1000000; raise taskUs or lower totalMs',
    );
  });
});
