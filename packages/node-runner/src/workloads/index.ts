import type { AnyWorkload } from '@paralab/core/workload';
import { file } from './file.js';
import { httpGet } from './http-get.js';

export { FILE_DIR_PREFIX, type FileInput, type FileOutput, file } from './file.js';
export { httpGet } from './http-get.js';

/** The workloads only the Node runner can run (they use Node APIs); `@paralab/node-runner/workloads`. */
export const nodeWorkloads: readonly AnyWorkload[] = Object.freeze([file, httpGet]);
