// The results of a run as they come: every cell is appended to a journal the moment the host hears of
// it, so a crash of the measuring side (or of the host itself) loses nothing that was measured; the final
// results file is written atomically from it, and the journal removed.
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Cell, createResults, ParalabError, parseResults, type Results, type ResultsInput } from '@paralab/core';
import { writeResultsFile } from './file.js';

/** What a journal's first line records: everything of the results file but its cells. */
export type JournalHeader = Omit<ResultsInput, 'cells' | 'finishedAt' | 'complete'>;

type JournalLine = { type: 'header'; header: JournalHeaderJson } | { type: 'cell'; cell: Cell };
type JournalHeaderJson = Omit<JournalHeader, 'startedAt'> & { startedAt: string };

/** The journal of the results file at `out`: `out` with `.journal` appended. */
export const journalPath = (out: string): string => `${out}.journal`;

/** An open journal: cells are appended one line each, in the order they complete. */
export class Journal {
  readonly path: string;
  readonly #cells: Cell[] = [];
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string) {
    this.path = path;
  }

  /** Starts a journal beside `out` (replacing one a crashed run left), its first line the run's header. */
  static async open(out: string, header: JournalHeader): Promise<Journal> {
    const journal = new Journal(journalPath(out));
    await mkdir(dirname(journal.path), { recursive: true });
    const line: JournalLine = { type: 'header', header: { ...header, startedAt: header.startedAt.toISOString() } };
    await writeFile(journal.path, `${JSON.stringify(line)}\n`);
    return journal;
  }

  /** The cells appended so far. */
  get cells(): readonly Cell[] {
    return this.#cells;
  }

  /** Appends a cell (writes are queued, in order). */
  append(cell: Cell): Promise<void> {
    this.#cells.push(cell);
    const line: JournalLine = { type: 'cell', cell };
    this.#writing = this.#writing.then(() => appendFile(this.path, `${JSON.stringify(line)}\n`));
    return this.#writing;
  }

  /** Writes the results file atomically from the journal's cells, then removes the journal. */
  async finish(out: string, results: Results): Promise<void> {
    await this.#writing;
    await writeResultsFile(out, results);
    await rm(this.path, { force: true });
  }
}

/**
 * Reads a journal a run left behind (it crashed or was killed before writing its results) as an incomplete
 * results object: its header and every cell it had recorded. Throws a one-line `ParalabError` naming the
 * file when it is not a journal.
 */
export async function recoverJournal(path: string): Promise<Results> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  let header: JournalHeaderJson | undefined;
  const cells: Cell[] = [];
  for (const [index, text] of lines.entries()) {
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch {
      // The last line of a journal whose writer was killed mid-write may be cut: what came before stands.
      if (index === lines.length - 1) break;
      throw new ParalabError('ERR_RESULTS_INVALID', `${path}: line ${index + 1} is not JSON`);
    }
    if (line.type === 'header') header = line.header;
    else if (line.type === 'cell') cells.push(line.cell);
  }
  if (!header) throw new ParalabError('ERR_RESULTS_INVALID', `${path}: not a paralab journal (no header line)`);
  const results = createResults({ ...header, startedAt: new Date(header.startedAt), complete: false, cells });
  return parseResults(results, path);
}
