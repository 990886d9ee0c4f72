import { basename } from 'node:path';
import { runtimeRank } from '../shared/aggregate.js';
import type { LoadedFile } from '../shared/load.js';

/** A base file and the current file it is compared with. */
export interface FilePair {
  base: LoadedFile;
  current: LoadedFile;
}

/** The files of the two sides, paired, and those left without a partner. */
export interface Pairing {
  pairs: FilePair[];
  onlyInBase: LoadedFile[];
  onlyInCurrent: LoadedFile[];
}

/**
 * How well two files of the same runtime match: the same machine fingerprint first, then the same file name
 * (CI jobs name their files per matrix entry), the same runtime version, the same OS and architecture.
 */
function affinity(base: LoadedFile, current: LoadedFile): number {
  const [b, c] = [base.results, current.results];
  return (
    (b.machine.fingerprint === c.machine.fingerprint ? 8 : 0) +
    (basename(base.path) === basename(current.path) ? 4 : 0) +
    (b.runtime.version === c.runtime.version ? 2 : 0) +
    (b.machine.os === c.machine.os && b.machine.arch === c.machine.arch ? 1 : 0)
  );
}

/**
 * Pairs the files of BASE with those of CURRENT. One file on each side: those two, whatever their runtimes
 * (baseline vs now, or runtime vs runtime). Otherwise runtime by runtime: files of the same runtime name are
 * paired greedily by `affinity` (same machine first), each file at most once; the rest are listed as present
 * on one side only. Pairs come in runtime order (node, bun, deno, browsers, others), then in BASE's order.
 */
export function pairFiles(base: readonly LoadedFile[], current: readonly LoadedFile[]): Pairing {
  const [onlyBase, onlyCurrent] = [base[0], current[0]];
  if (base.length === 1 && current.length === 1 && onlyBase && onlyCurrent) {
    return { pairs: [{ base: onlyBase, current: onlyCurrent }], onlyInBase: [], onlyInCurrent: [] };
  }
  const candidates: { b: number; c: number; score: number }[] = [];
  base.forEach((b, bi) => {
    current.forEach((c, ci) => {
      if (b.results.runtime.name === c.results.runtime.name)
        candidates.push({ b: bi, c: ci, score: affinity(b, c) });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.b - y.b || x.c - y.c);
  const [usedBase, usedCurrent] = [new Set<number>(), new Set<number>()];
  const chosen: { b: number; c: number }[] = [];
  for (const candidate of candidates) {
    if (usedBase.has(candidate.b) || usedCurrent.has(candidate.c)) continue;
    usedBase.add(candidate.b);
    usedCurrent.add(candidate.c);
    chosen.push(candidate);
  }
  const pairs = chosen
    .sort((x, y) => {
      const [rx, ry] = [base[x.b]?.results.runtime.name ?? '', base[y.b]?.results.runtime.name ?? ''];
      return runtimeRank(rx) - runtimeRank(ry) || rx.localeCompare(ry) || x.b - y.b;
    })
    .flatMap(({ b, c }) => {
      const [bf, cf] = [base[b], current[c]];
      return bf && cf ? [{ base: bf, current: cf }] : [];
    });
  return {
    pairs,
    onlyInBase: base.filter((_, i) => !usedBase.has(i)),
    onlyInCurrent: current.filter((_, i) => !usedCurrent.has(i)),
  };
}
