// The load generator's requests for a batch of served tasks: one POST per input, its body the input as
// JSON, each expecting the task's known answer (by SHA-256 past 64 characters). Built once per input set.
import { ParalabError } from '../errors.js';
import type { RequestSpec } from '../load/protocol.js';
import type { ServedTask } from '../workload.js';
import { sha256Hex } from '../workloads/_sha256.js';
import { TASK_PATH } from './answer.js';

/** Bodies up to this many characters are expected as they are; longer ones by their SHA-256. */
const LITERAL_BODY_MAX = 64;

const built = new WeakMap<readonly unknown[], RequestSpec[]>();

/**
 * The request specs for `inputs` (cached per input array: the loop reuses one array for a group's samples,
 * and every cell of the group shares it). Throws `ParalabError` (`ERR_TASK`) when an expected body is not
 * ASCII: the generator decodes chunks one by one, so a split multi-byte character would read as a mismatch.
 */
export function servedRequests(inputs: readonly unknown[], served: ServedTask<unknown>): RequestSpec[] {
  const cached = built.get(inputs);
  if (cached) return cached;
  const specs = inputs.map(
    (input, i): RequestSpec => ({
      method: 'POST',
      path: `${TASK_PATH}${i}`,
      body: JSON.stringify(input),
      expect: expectation(served.expectedBody(input), i),
    }),
  );
  built.set(inputs, specs);
  return specs;
}

function expectation(body: string, i: number): RequestSpec['expect'] {
  if (typeof body !== 'string')
    throw new ParalabError('ERR_TASK', `the expected body of task ${i} is ${typeof body}, not a string`);
  const bytes = new Uint8Array(body.length);
  for (let k = 0; k < body.length; k++) {
    const code = body.charCodeAt(k);
    if (code > 0x7f)
      throw new ParalabError('ERR_TASK', `the expected body of task ${i} is not ASCII (character ${k})`);
    bytes[k] = code;
  }
  return body.length <= LITERAL_BODY_MAX ? { status: 200, body } : { status: 200, sha256: sha256Hex(bytes) };
}
