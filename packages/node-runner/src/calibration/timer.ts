import type { CalibrationProbe } from './run-probe.js';

/**
 * The smallest step of `performance.now()`, ms: each operation reads the clock until it changes and
 * records by how much (the approach of `timerResolutionMs` in machine.ts), one sample per try.
 */
export const timerResolutionProbe: CalibrationProbe = {
  name: 'timer-resolution',
  primitive: 'timer',
  opsPerSample: 1,
  options: { api: 'performance.now' },
  async open() {
    // Untimed: until the loop is compiled, a try measures the interpreter rather than the clock.
    step(JIT_WARMUP_TRIES);
    return { run: async (ops) => step(ops) };
  },
};

const JIT_WARMUP_TRIES = 2_000;

/** The sum of `tries` clock steps, ms. */
function step(tries: number): number {
  let total = 0;
  for (let i = 0; i < tries; i++) {
    const start = performance.now();
    let next = performance.now();
    while (next === start) next = performance.now();
    total += next - start;
  }
  return total;
}
