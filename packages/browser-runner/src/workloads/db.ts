// `db` in a page: a page has no TCP sockets, so it cannot query PostgreSQL. The workload is declared with
// the parameters Node, Bun and Deno run it with, so the browser's plan asks the same question and records
// every cell unsupported with the reason (the host's services say it: `missing.databaseUrl`).
import { defineWorkload, ParalabError } from '@paralab/core/workload';
import { dbParams } from '@paralab/core/workloads';

const NO_SOCKETS = 'a web page has no TCP sockets, so it cannot query PostgreSQL';

/** The `db` workload as a page has it: never runnable, always unsupported with the reason. */
export const db = defineWorkload({
  id: 'db',
  kind: 'io',
  services: ['database'],
  description: 'database queries, which a page cannot make (no TCP sockets): recorded unsupported',
  params: dbParams,
  prepare: (_params, { missing }): number[] => {
    throw new ParalabError('ERR_UNSUPPORTED', missing?.databaseUrl ?? NO_SOCKETS);
  },
  run: (): never => {
    throw new ParalabError('ERR_UNSUPPORTED', NO_SOCKETS);
  },
});
