// Resource use of processes by pid: what the launchers report for their process peers and what the host
// reads of the measuring process. Linux reads /proc; elsewhere pidusage.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { ExternalUsage } from '@paralab/core';

const IS_LINUX = process.platform === 'linux';

/** No resources at all. */
export const NO_USAGE: ExternalUsage = Object.freeze({ cpuUserMs: 0, cpuSystemMs: 0, rssBytes: 0 });

/** Adds up resource reports. */
export function addUsage(a: ExternalUsage, b: ExternalUsage): ExternalUsage {
  return {
    cpuUserMs: a.cpuUserMs + b.cpuUserMs,
    cpuSystemMs: a.cpuSystemMs + b.cpuSystemMs,
    rssBytes: a.rssBytes + b.rssBytes,
  };
}

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
  const fields = await statFields(pid);
  if (!fields) return NO_USAGE;
  const { clockTick, pageSize } = await systemConstants();
  const ticks = (index: number): number => Number(fields[index] ?? 0);
  return {
    cpuUserMs: (ticks(11) * 1000) / clockTick,
    cpuSystemMs: (ticks(12) * 1000) / clockTick,
    rssBytes: fields[0] === 'Z' ? 0 : ticks(21) * pageSize,
  };
}

/**
 * The fields of `/proc/<pid>/stat` after the command name (which is in parentheses and may itself contain
 * spaces): state is [0], ppid [1], utime [11], stime [12], rss [21] (proc(5) numbers them 3, 4, 14, 15, 24).
 * Undefined when the process is gone.
 */
export async function statFields(pid: number): Promise<string[] | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
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
