// CPU time and RSS of other processes (the server under load), read from /proc: Linux only.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Cumulative CPU time of a process and its current RSS. */
export interface ProcSnapshot {
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  readonly rssBytes: number;
  /** False when the process is gone or a zombie. */
  readonly alive: boolean;
}

/** True where `/proc/<pid>/stat` can be read. */
export const CAN_READ_PROC: boolean = process.platform === 'linux';

const GONE: ProcSnapshot = Object.freeze({ cpuUserMs: 0, cpuSystemMs: 0, rssBytes: 0, alive: false });

function getconf(name: string, fallback: number): number {
  try {
    const value = Number(execFileSync('getconf', [name], { encoding: 'utf8', timeout: 5_000 }).trim());
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

let constants: { clockTick: number; pageSize: number } | undefined;

/** The clock tick (100 on Linux) and page size, read once. */
function systemConstants(): { clockTick: number; pageSize: number } {
  constants ??= { clockTick: getconf('CLK_TCK', 100), pageSize: getconf('PAGESIZE', 4096) };
  return constants;
}

/**
 * Cumulative CPU (all threads; resolution one clock tick, 10 ms) and current RSS of `pid`; a process that
 * is gone reads as zero and `alive: false`.
 */
export async function readProc(pid: number): Promise<ProcSnapshot> {
  const { clockTick, pageSize } = systemConstants();
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return GONE;
  }
  // Fields after the command name, which is in parentheses and may contain spaces: state is [0], utime
  // [11], stime [12], rss [21] (proc(5) numbers them 3, 14, 15, 24).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (index: number): number => Number(fields[index] ?? 0);
  if (fields[0] === 'Z') return GONE;
  return {
    cpuUserMs: (field(11) * 1000) / clockTick,
    cpuSystemMs: (field(12) * 1000) / clockTick,
    rssBytes: field(21) * pageSize,
    alive: true,
  };
}
