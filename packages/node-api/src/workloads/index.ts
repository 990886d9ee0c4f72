import type { AnyWorkload } from '@paralab/core/workload';
import { db } from './db.js';
import { file } from './file.js';
import { httpGet } from './http-get.js';

export { closeDbConnections, type DbConnections, dbConnections } from './_db-pool.js';
export { chainedDigest, type DbInput, type DbOutput, type DbVariant, db, NO_DATABASE } from './db.js';
export { FILE_DIR_PREFIX, type FileInput, type FileOutput, file } from './file.js';
export { httpGet } from './http-get.js';

/** The workloads that need Node's APIs (Node, Bun and Deno run them); `@paralab/node-api/workloads`. */
export const nodeWorkloads: readonly AnyWorkload[] = Object.freeze([file, httpGet, db]);
