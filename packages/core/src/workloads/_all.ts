import type { AnyWorkload } from '../workload.js';
import { blocking } from './blocking.js';
import { blur } from './blur.js';
import { grain } from './grain.js';
import { http } from './http.js';
import { json } from './json.js';
import { noop } from './noop.js';
import { pipeline } from './pipeline.js';
import { primes } from './primes.js';
import { regexMeta } from './regex-meta.js';
import { serve } from './serve.js';
import { sha256 } from './sha256.js';
import { sleep } from './sleep.js';

/**
 * Every built-in workload, CPU-bound first, then I/O-bound, then mixed.
 */
export const builtinWorkloads: readonly AnyWorkload[] = Object.freeze([
  primes,
  sha256,
  blur,
  json,
  regexMeta,
  grain,
  sleep,
  http,
  pipeline,
  blocking,
  serve,
  noop,
]);
