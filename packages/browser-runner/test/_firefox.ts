// What the Firefox tests share: the machine's Firefox (installed with apt-get when missing, as CI does), and
// ways to see the processes and profiles a run leaves behind.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '@paralab/core';
import { ensureFirefox } from '../src/firefox.js';

/** A workload module that loads on Node and throws in a page. */
export const REFUSES: string = fileURLToPath(new URL('./fixtures/firefox-refuses.mjs', import.meta.url));

/** Firefox, installed first when missing (once per test file). */
export function firefoxHere(): Promise<string> {
  return ensureFirefox((line) => process.stdout.write(`paralab: ${line}\n`));
}

/** True while a process with this pid exists and is not a zombie. */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to `ms`) until none of `pids` runs; resolves with those still running. */
export async function outlive(pids: readonly number[], ms = 10_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (pids.some(running) && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(running);
}

/** The name the kernel gives a process (`/proc/PID/comm`: Firefox names a content process after its site). */
export function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The pids of every process whose command line contains `text` (NUL-separated arguments joined by spaces). */
export function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(text) && running(pid)
        );
      } catch {
        return false;
      }
    });
}

/** The Firefox profile directories paralab made for the process `pid` that are still there. */
export function profilesOf(pid: number): string[] {
  return readdirSync(tmpdir())
    .filter((name) => name.startsWith(`paralab-firefox-${pid}-`))
    .map((name) => join(tmpdir(), name));
}

/** A tiny profile (3 samples a cell, a 3 s watchdog) so tests finish fast. */
export const FIREFOX_TEST_PROFILE: Profile = {
  name: 'test',
  warmups: 1,
  maxWarmups: 1,
  minSamples: 3,
  minTimeMs: 0,
  maxSamples: 3,
  targetCiWidth: 1,
  cellBudgetMs: 5_000,
  sampleTimeoutMs: 3_000,
};
