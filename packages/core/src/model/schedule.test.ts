import { describe, expect, it } from 'vitest';
import { type Job, makespan } from './schedule.js';

const cpu = (...ms: number[]): Job[] => ms.map((cpuMs) => ({ waitMs: 0, cpuMs }));

describe('makespan', () => {
  it.each([
    // 8 × 10 ms on 2 lanes: 4 tasks each -> 40 ms.
    {
      name: 'equal tasks, lanes = cores',
      jobs: cpu(10, 10, 10, 10, 10, 10, 10, 10),
      lanes: 2,
      cores: 2,
      want: 40,
    },
    // One lane: the plain sum 10 + 20 + 30.
    { name: 'one lane', jobs: cpu(10, 20, 30), lanes: 1, cores: 2, want: 60 },
    // More lanes than tasks: each task alone, the largest decides.
    { name: 'more lanes than tasks', jobs: cpu(10, 30), lanes: 8, cores: 8, want: 30 },
    // Each lane: 4 × (1 ms wait + 10 ms work) = 44 ms.
    {
      name: 'a wait before each task',
      jobs: cpu(10, 10, 10, 10, 10, 10, 10, 10).map((j) => ({ ...j, waitMs: 1 })),
      lanes: 2,
      cores: 2,
      want: 44,
    },
  ])('$name', ({ jobs, lanes, cores, want }) => {
    expect(makespan(jobs, { lanes, cores, policy: 'next-free' })).toBeCloseTo(want, 9);
  });

  describe("unequal tasks (the articles' prime list: one task dominates)", () => {
    it('a dominating first task: max t_i (50) beats sum / lanes (45)', () => {
      // lane 0: 50; lane 1: 10 + 10 + 10 + 10 = 40.
      expect(makespan(cpu(50, 10, 10, 10, 10), { lanes: 2, cores: 2, policy: 'next-free' })).toBeCloseTo(
        50,
        9,
      );
    });

    it('the same task last: input order costs 70, not the bound max(45, 50)', () => {
      // 0-10: tasks 0 and 1; 10-20: tasks 2 and 3; task 4 (50) starts at 20 on the first free lane -> 70.
      expect(makespan(cpu(10, 10, 10, 10, 50), { lanes: 2, cores: 2, policy: 'next-free' })).toBeCloseTo(
        70,
        9,
      );
    });

    it('round-robin gives lane 0 tasks 0, 2, 4 whatever their sizes', () => {
      // lane 0: 50 + 10 + 10 = 70; lane 1: 10 + 10 = 20 (next-free would finish at 50).
      expect(makespan(cpu(50, 10, 10, 10, 10), { lanes: 2, cores: 2, policy: 'round-robin' })).toBeCloseTo(
        70,
        9,
      );
    });
  });

  describe('more computing lanes than cores share the cores', () => {
    it.each([
      // 4 lanes at 2/4 = 0.5 ms of work per ms: 10 ms tasks end at 20.
      { jobs: cpu(10, 10, 10, 10), lanes: 4, cores: 2, want: 20 },
      // 80 ms of work on 2 cores, always all 4 lanes busy: 40.
      { jobs: cpu(10, 10, 10, 10, 10, 10, 10, 10), lanes: 4, cores: 2, want: 40 },
      // 3 lanes at 2/3: at 15 ms tasks 0 and 1 are done and task 2 has 10 of 20 done; alone, it ends at 25.
      { jobs: cpu(10, 10, 20), lanes: 3, cores: 2, want: 25 },
    ])('$lanes lanes on $cores cores: $want ms', ({ jobs, lanes, cores, want }) => {
      expect(makespan(jobs, { lanes, cores, policy: 'next-free' })).toBeCloseTo(want, 9);
    });
  });

  it('equal tasks in closed form agree with the simulation', () => {
    // 7 × (1 ms wait + 10 ms work) on 4 lanes, 2 cores: a round of 4 (1 + 10 × 4/2 = 21), then 3 (1 + 10 × 3/2 = 16).
    const equal = new Array<Job>(7).fill({ waitMs: 1, cpuMs: 10 });
    expect(makespan(equal, { lanes: 4, cores: 2, policy: 'next-free' })).toBe(37);
    // One task 1e-9 ms longer takes the simulation's path.
    const nudged = [...equal.slice(1), { waitMs: 1, cpuMs: 10 + 1e-9 }];
    expect(makespan(nudged, { lanes: 4, cores: 2, policy: 'next-free' })).toBeCloseTo(37, 6);
    expect(makespan(nudged, { lanes: 4, cores: 2, policy: 'round-robin' })).toBeCloseTo(37, 6);
  });

  it('waits use no core: 4 waits of 10 ms on 1 core overlap', () => {
    expect(
      makespan(
        [10, 10, 10, 10].map((w) => ({ waitMs: w, cpuMs: 0 })),
        { lanes: 4, cores: 1, policy: 'next-free' },
      ),
    ).toBe(10);
    // Unequal waits: lane 0 waits 5; lane 1 takes the three 1 ms waits meanwhile.
    expect(
      makespan(
        [5, 1, 1, 1].map((w) => ({ waitMs: w, cpuMs: 0 })),
        { lanes: 2, cores: 1, policy: 'next-free' },
      ),
    ).toBe(5);
  });

  it('work after a wait shares the core: two lanes, one core', () => {
    // Both wait 0-5, then compute 5 ms each at half speed: 5 + 10 = 15.
    const jobs = [
      { waitMs: 5, cpuMs: 5 },
      { waitMs: 5, cpuMs: 5 },
    ];
    expect(makespan(jobs, { lanes: 2, cores: 1, policy: 'next-free' })).toBeCloseTo(15, 9);
  });

  it('a task does not start before its release, and later tasks do not overtake it', () => {
    // Task 0 is released at 10: it runs 10-15, then task 1 15-20.
    const jobs = [
      { waitMs: 0, cpuMs: 5, releaseMs: 10 },
      { waitMs: 0, cpuMs: 5 },
    ];
    expect(makespan(jobs, { lanes: 1, cores: 1, policy: 'next-free' })).toBeCloseTo(20, 9);
  });

  it('takes 0 ms for no tasks', () => {
    expect(makespan([], { lanes: 2, cores: 2, policy: 'next-free' })).toBe(0);
  });

  it.each([
    {
      options: { lanes: 0, cores: 2 },
      jobs: cpu(1),
      message: 'options.lanes must be a positive integer, got 0',
    },
    {
      options: { lanes: 1, cores: 0 },
      jobs: cpu(1),
      message: 'options.cores must be a positive number, got 0',
    },
    {
      options: { lanes: 1, cores: 1 },
      jobs: cpu(-1),
      message: 'job.cpuMs must be a finite number >= 0, got -1',
    },
  ])('rejects $message', ({ options, jobs, message }) => {
    expect(() => makespan(jobs, { ...options, policy: 'next-free' })).toThrow(new RangeError(message));
  });
});
