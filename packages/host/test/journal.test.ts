// The results journal: every cell appended as it arrives, the results file written atomically from it, and
// a journal a crashed run left read back as incomplete results.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cell, summarize } from '@paralab/core';
import { Journal, journalPath, machineInfo, readResultsFile, recoverJournal } from '@paralab/host';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'paralab-journal-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
const freshOut = (): string => join(scratch, `run-${++files}`, 'results.json');

/** The run's header, as the host writes it first (the type is not exported: `Journal.open` takes it). */
const HEADER: Parameters<typeof Journal.open>[1] = {
  toolVersion: '0.0.0',
  runtime: { name: 'node', version: process.versions.node },
  machine: machineInfo(),
  timer: { source: 'performance.now', resolutionMs: 0.00003 },
  startedAt: new Date('2025-01-02T03:04:05.000Z'),
  profile: 'test',
  seed: 7,
  limits: { heapMb: 512 },
};

const OK: Cell = {
  id: 'double(tasks=4)/sequential@1',
  workload: 'double',
  kind: 'cpu',
  strategy: 'sequential',
  family: 'sequential',
  concurrency: 1,
  params: { tasks: 4 },
  options: {},
  status: 'ok',
  samples: [1, 2, 3],
  warmups: [4],
  tasksPerSample: 4,
  stats: (({ n: _n, ...stats }) => stats)(summarize([1, 2, 3])),
  flags: [],
};
const ERRORED: Cell = {
  ...OK,
  id: 'double(tasks=4)/worker@2',
  strategy: 'worker',
  family: 'threads',
  concurrency: 2,
  status: 'errored',
  reason: 'worker exited with code 7',
  samples: [5],
  warmups: [],
  stats: undefined,
};

describe('Journal', () => {
  it('appends every cell as one line after the header, in order', async () => {
    const out = freshOut();
    const journal = await Journal.open(out, HEADER);
    expect(journal.path).toBe(`${out}.journal`);
    expect(journalPath(out)).toBe(journal.path);
    await journal.append(OK);
    await journal.append(ERRORED);
    const lines = readFileSync(journal.path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.type)).toEqual(['header', 'cell', 'cell']);
    expect(lines[0].header).toEqual({ ...HEADER, startedAt: '2025-01-02T03:04:05.000Z' });
    expect(lines.slice(1).map((line) => line.cell)).toEqual([OK, ERRORED].map(plain));
    expect(journal.cells).toEqual([OK, ERRORED]);
  });

  it('writes the results file from its cells, then removes itself', async () => {
    const out = freshOut();
    const journal = await Journal.open(out, HEADER);
    await journal.append(OK);
    const recovered = await recoverJournal(journal.path);
    await journal.finish(out, { ...recovered, complete: true });
    expect(existsSync(journal.path)).toBe(false);
    const written = await readResultsFile(out);
    expect([written.complete, written.seed, written.cells.map((c) => c.id)]).toEqual([true, 7, [OK.id]]);
  });

  it('replaces the journal a crashed run left beside the same results file', async () => {
    const out = freshOut();
    const stale = await Journal.open(out, { ...HEADER, seed: 1 });
    await stale.append(ERRORED);
    await Journal.open(out, HEADER);
    const recovered = await recoverJournal(journalPath(out));
    expect([recovered.seed, recovered.cells]).toEqual([7, []]);
  });
});

describe('recoverJournal', () => {
  it('reads a journal back as incomplete results, every recorded cell kept', async () => {
    const out = freshOut();
    const journal = await Journal.open(out, HEADER);
    await journal.append(OK);
    await journal.append(ERRORED);
    const results = await recoverJournal(journal.path);
    expect(results.complete).toBe(false);
    expect(results.cells).toEqual([OK, ERRORED].map(plain));
    expect([results.runtime, results.profile, results.seed, results.limits, results.startedAt]).toEqual([
      HEADER.runtime,
      'test',
      7,
      { heapMb: 512 },
      '2025-01-02T03:04:05.000Z',
    ]);
    expect(results.finishedAt).toBeUndefined();
  });

  it('keeps what came before a last line cut short by a kill', async () => {
    const out = freshOut();
    const journal = await Journal.open(out, HEADER);
    await journal.append(OK);
    await appendFile(journal.path, JSON.stringify({ type: 'cell', cell: ERRORED }).slice(0, 40));
    const results = await recoverJournal(journal.path);
    expect(results.cells).toEqual([plain(OK)]);
  });

  it.each([
    [
      'a line that is not JSON before the last',
      (header: string) => `${header}\n{oops\n${header}\n`,
      'line 2 is not JSON',
    ],
    [
      'no header line',
      () => `${JSON.stringify({ type: 'cell', cell: OK })}\n`,
      'not a paralab journal (no header line)',
    ],
    ['nothing at all', () => '', 'not a paralab journal (no header line)'],
  ])('refuses a file with %s, in one line naming it', async (_, text, why) => {
    const path = join(scratch, `bad-${++files}.journal`);
    writeFileSync(path, text(JSON.stringify({ type: 'header', header: { ...HEADER, startedAt: 'x' } })));
    await expect(recoverJournal(path)).rejects.toMatchObject({
      code: 'ERR_RESULTS_INVALID',
      message: `${path}: ${why}`,
    });
  });
});

/** A cell as it reads back from JSON (no undefined fields). */
function plain(cell: Cell): Cell {
  return JSON.parse(JSON.stringify(cell));
}
