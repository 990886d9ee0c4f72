import { defineWorkload, type Workload } from '../workload.js';
import { latencyServerUrl } from './_latency-doc.js';
import { fetchText, utf8 } from './_platform.js';
import { sha256Hex } from './_sha256.js';
import { findMetaTags } from './regex-meta.js';

const params = {
  documents: {
    type: 'integer',
    default: 12,
    min: 1,
    max: 100000,
    description: 'Documents per sample (one task each).',
  },
  latencyMs: {
    type: 'integer',
    default: 10,
    min: 0,
    max: 60000,
    description: 'How long the loopback server waits before answering each request, in milliseconds.',
  },
  kib: { type: 'integer', default: 128, min: 1, max: 65536, description: 'Size of each document, in KiB.' },
  rounds: {
    type: 'integer',
    default: 8,
    min: 1,
    max: 100000,
    description: 'SHA-256 rounds over each document.',
  },
} as const;

/** One task of `pipeline`: where to fetch the document and how much to process it. */
export interface PipelineInput {
  /** `${serverUrl}/doc/${latencyMs}/${id}/${kib * 1024}`. */
  readonly url: string;
  /** Task index, 0-based: the document is `latencyDocument(id, kib * 1024)`. */
  readonly id: number;
  /** SHA-256 rounds over the document (at least 1). */
  readonly rounds: number;
}

/** What the task keeps of one processed document. */
export interface PipelineOutput {
  /** Document length, in bytes. */
  readonly bytes: number;
  /** Hex SHA-256 after the last round (see `pipeline`). */
  readonly digest: string;
  /** Number of `<meta>` tags found by the regular-expression scan. */
  readonly metaTags: number;
  /** Their `name` (or `property`) attributes, in order; `null` where absent. */
  readonly metaNames: (string | null)[];
}

/** Hashes `rounds` times: round r hashes the previous round's hex digest (empty for round 1) then the text. */
function chainedDigest(bytes: Uint8Array, rounds: number): string {
  const buffer = new Uint8Array(64 + bytes.length);
  buffer.set(bytes, 64);
  let digest = sha256Hex(buffer.subarray(64));
  for (let round = 1; round < rounds; round++) {
    for (let i = 0; i < 64; i++) buffer[i] = digest.charCodeAt(i);
    digest = sha256Hex(buffer);
  }
  return digest;
}

/**
 * Mixed (the articles' "fetch documents concurrently, then process each with CPU-heavy code"): each task
 * GETs a `kib` KiB document from the runner's loopback server (answered after `latencyMs` ms), hashes it
 * `rounds` times with SHA-256 (chained) and scans it for `<meta>` tags; output a small summary. No known
 * answer: runners compare outputs with a reference run (checksum mode).
 */
export const pipeline: Workload<typeof params, PipelineInput, PipelineOutput> = defineWorkload({
  id: 'pipeline',
  kind: 'mixed',
  services: ['latency-server'],
  description:
    'Fetch a document from a loopback server, then SHA-256 it rounds times and scan its <meta> tags.',
  params,
  prepare: async ({ documents, latencyMs, kib, rounds }, context) => {
    const base = latencyServerUrl('pipeline', context);
    const size = kib * 1024;
    return Array.from({ length: documents }, (_, id) => ({
      url: `${base}/doc/${latencyMs}/${id}/${size}`,
      id,
      rounds,
    }));
  },
  run: async (input) => processDocument({ text: await fetchText(input.url), rounds: input.rounds }),
  split: {
    io: async (input: PipelineInput): Promise<FetchedDocument> => ({
      text: await fetchText(input.url),
      rounds: input.rounds,
    }),
    cpu: (fetched: unknown) => processDocument(fetched as FetchedDocument),
  },
});

/** What the I/O phase hands the CPU phase. */
interface FetchedDocument {
  readonly text: string;
  readonly rounds: number;
}

/** The CPU phase: hash and scan one fetched document. */
function processDocument({ text, rounds }: FetchedDocument): PipelineOutput {
  const bytes = utf8(text);
  const tags = findMetaTags(text);
  const metaNames = tags.map((tag) => tag.name);
  return { bytes: bytes.length, digest: chainedDigest(bytes, rounds), metaTags: tags.length, metaNames };
}
