import { defineWorkload, type Workload } from '../workload.js';
import { latencyServerUrl } from './_latency-doc.js';
import { fetchText } from './_platform.js';

const params = {
  requests: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 100000,
    description: 'HTTP requests per sample (one task each).',
  },
  latencyMs: {
    type: 'integer',
    default: 10,
    min: 0,
    max: 60000,
    description: 'How long the loopback server waits before answering each request, in milliseconds.',
  },
} as const;

/** One task of `http`: the URL to GET and the id its body must carry. */
export interface HttpInput {
  /** `${serverUrl}/latency/${latencyMs}/${id}`. */
  readonly url: string;
  /** Task index, 0-based; the body must be `paralab:<id>`. */
  readonly id: number;
}

/**
 * I/O-bound (the articles' "100 API calls"): each task GETs `/latency/:latencyMs/:id` from the runner's
 * loopback server, which answers after `latencyMs` ms with `paralab:<id>`; output the body text.
 */
export const http: Workload<typeof params, HttpInput, string> = defineWorkload({
  id: 'http',
  kind: 'io',
  services: ['latency-server'],
  description:
    'HTTP GET to a loopback server that answers after latencyMs milliseconds, one request per task.',
  params,
  prepare: async ({ requests, latencyMs }, context) => {
    const base = latencyServerUrl('http', context);
    return Array.from({ length: requests }, (_, id) => ({ url: `${base}/latency/${latencyMs}/${id}`, id }));
  },
  run: ({ url }) => fetchText(url),
  verify: (output, { id }) =>
    output === `paralab:${id}`
      ? true
      : `expected body ${JSON.stringify(`paralab:${id}`)}, got ${JSON.stringify(output)}`,
});
