import { type CalibrationProbe, ParalabError } from '@paralab/core';

/**
 * One `fetch` of the loopback latency server's `/latency/0/:id` (answered at once), one at a time, ms: what
 * a request costs the page before any server latency (connection reuse, the browser's network process,
 * CORS). The floor under the `http` and `pipeline` workloads.
 */
export function fetchRoundtripProbe(serverUrl: string): CalibrationProbe {
  return {
    name: 'fetch-roundtrip',
    primitive: 'fetch',
    opsPerSample: 20,
    options: { api: 'fetch', server: 'loopback latency server, 0 ms' },
    async open() {
      let id = 0;
      return {
        async run(ops) {
          const begin = performance.now();
          for (let i = 0; i < ops; i++, id++) {
            const response = await fetch(`${serverUrl}/latency/0/${id}`);
            const body = await response.text();
            if (body !== `paralab:${id}`)
              throw new ParalabError('ERR_TASK', `the latency server answered ${JSON.stringify(body)}`);
          }
          return performance.now() - begin;
        },
      };
    },
  };
}
