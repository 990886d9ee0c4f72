import { arch, availableParallelism, cpus, platform, totalmem } from 'node:os';
import { type MachineInfo, measureTimerResolution } from '@paralab/core';

/** The machine this process runs on, as core's results schema records it. */
export function machineInfo(): MachineInfo {
  const cores = cpus();
  return {
    os: platform(),
    arch: arch(),
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    logicalCores: Math.max(1, cores.length),
    availableParallelism: availableParallelism(),
    totalMemory: totalmem(),
  };
}

/**
 * The smallest step `performance.now()` takes here, in ms: the least non-zero difference between
 * successive readings over `tries` attempts (core's `measureTimerResolution`).
 */
export function timerResolutionMs(tries = 200): number {
  return measureTimerResolution(tries);
}
