import { Agent, get } from 'node:http';
import { defineWorkload, type Workload } from '@paralab/core/workload';
import { type HttpInput, http } from '@paralab/core/workloads';

/** One keep-alive agent per thread or process: connections are reused across tasks, as fetch does. */
const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** GETs `url` with `node:http` and resolves with the body text; rejects when the status is not 2xx. */
function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(body);
        else reject(new Error(`GET ${url} answered HTTP ${status}`));
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * The `http` workload with Node's own HTTP client (`node:http` with a keep-alive agent) instead of
 * `fetch`: the same requests to the same loopback server, so the two clients' costs compare directly
 * (Node 20's fetch, undici, spends about three times as long per request).
 */
export const httpGet: Workload<typeof http.params, HttpInput, string> = defineWorkload({
  ...http,
  id: 'http-get',
  description: 'The http workload with node:http (keep-alive agent) instead of fetch.',
  run: ({ url }) => getText(url),
});
