// The parameters of the `db` workload, portable: Node, Bun and Deno run it against PostgreSQL (node-api's
// `db`), and a page, which has no TCP sockets, declares the same workload to record its cells unsupported.

/** `db`'s parameters: queries per sample, server-side latency, what each query does and its sizes. */
export const dbParams = {
  queries: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 100000,
    description: 'Queries per sample (one task each).',
  },
  latencyMs: {
    type: 'integer',
    default: 10,
    min: 0,
    max: 60000,
    description: 'How long the server waits (pg_sleep) in each query before answering, in milliseconds.',
  },
  variant: {
    type: 'enum',
    default: 'sleep',
    values: ['sleep', 'lookup', 'digest'],
    description:
      'sleep: pg_sleep and an echo of the task id; lookup: one group of rows of a generated, indexed table, summed; digest: the same rows, then hashed rounds times (CPU work on the result).',
  },
  rows: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 1000,
    description: 'lookup and digest: rows each query returns (the table holds 1000 groups of this many).',
  },
  rounds: {
    type: 'integer',
    default: 2000,
    min: 1,
    max: 1000000,
    description: 'digest: chained SHA-256 rounds over the rows of each answer.',
  },
} as const;
