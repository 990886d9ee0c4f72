export { builtinWorkloads } from './_all.js';
export { checksum32, fileParams, seededBytes } from './_bytes.js';
export { dbParams } from './_db-params.js';
export { latencyDocument } from './_latency-doc.js';
export { type BlockingInput, blocking } from './blocking.js';
export { type BlurInput, blur } from './blur.js';
export {
  calibrateSteps,
  GRAIN_MAX_TASKS,
  type GrainInput,
  grain,
  lcgJump,
  lcgSteps,
  type StepClock,
} from './grain.js';
export { type HttpInput, http } from './http.js';
export { type JsonInput, type JsonSummary, json } from './json.js';
export { noop } from './noop.js';
export { type PipelineInput, type PipelineOutput, pipeline } from './pipeline.js';
export { type PrimesInput, primes } from './primes.js';
export { type MetaTag, type RegexMetaInput, regexMeta } from './regex-meta.js';
export { type ServeInput, serve, serveBody } from './serve.js';
export { type Sha256Input, sha256 } from './sha256.js';
export { type SleepInput, sleep } from './sleep.js';
