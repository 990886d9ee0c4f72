import { ParalabError } from '../errors.js';
import { createRng, type Rng } from '../random.js';
import type { PrepareContext } from '../workload.js';

const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa'.split(
    ' ',
  );
const FOOTER = '</body></html>\n';
/** Largest document `latencyDocument` builds, in characters (64 MiB). */
const MAX_SIZE = 64 * 1024 * 1024;

const words = (count: number, rng: Rng): string =>
  Array.from({ length: count }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ');

function head(id: number, rng: Rng): string {
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>paralab document ${id}</title>\n` +
    `<meta name="doc-id" content="${id}">\n<meta name="description" content="${words(8, rng)}">\n` +
    `<meta property="og:title" content="${words(3, rng)}">\n</head><body>\n`
  );
}

/** One body chunk: mostly paragraphs, sometimes a `<meta itemprop>` or a `<metadata>` decoy. */
function chunk(index: number, rng: Rng): string {
  const draw = rng();
  if (draw < 0.05) return `<meta itemprop="position" content="${index}">\n`;
  if (draw < 0.1) return `<metadata>${words(4, rng)}</metadata>\n`;
  return `<p>${words(10 + Math.floor(rng() * 30), rng)}</p>\n`;
}

/**
 * The deterministic document the runners' loopback latency server returns for `GET /doc/:ms/:id/:size`:
 * ASCII HTML of exactly `size` characters (= bytes) with a few `<meta>` tags in its head and body, seeded by
 * `id`. The same `(id, size)` gives the same text in every runtime. A `size` smaller than the document's head
 * gives the head cut to `size` characters. Throws `RangeError` unless `id` is a non-negative integer and
 * `size` an integer from 0 to 64 MiB.
 */
export function latencyDocument(id: number, size: number): string {
  if (!Number.isSafeInteger(id) || id < 0)
    throw new RangeError(`id must be a non-negative integer, got ${id}`);
  if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
    throw new RangeError(`size must be an integer from 0 to ${MAX_SIZE}, got ${size}`);
  }
  const rng = createRng(id);
  const start = head(id, rng);
  if (size < start.length + FOOTER.length) return (start + FOOTER).slice(0, size);
  const parts = [start];
  let room = size - start.length - FOOTER.length;
  for (let index = 0; ; index++) {
    const part = chunk(index, rng);
    if (part.length > room) break;
    parts.push(part);
    room -= part.length;
  }
  parts.push(words(Math.ceil(room / 2) + 1, rng).slice(0, room), FOOTER);
  return parts.join('');
}

/**
 * The base URL (no trailing slash) of the runner's loopback latency server for a workload's `prepare`.
 * Throws `ParalabError` (code `ERR_NO_SERVER`) when the runner did not start one.
 */
export function latencyServerUrl(workloadId: string, context: PrepareContext): string {
  if (!context.serverUrl) {
    throw new ParalabError(
      'ERR_NO_SERVER',
      `${workloadId} needs the runner's loopback latency server: pass context.serverUrl (runners start one for io and mixed workloads)`,
    );
  }
  return context.serverUrl.replace(/\/+$/, '');
}
