import { toError } from './errors.js';
import { fingerprint } from './fingerprint.js';
import type { AnyWorkload, ParamValue } from './workload.js';

/** Checks a batch of outputs: resolves `true` when every output is right, otherwise the first reason. */
export type OutputCheck = (outputs: readonly unknown[]) => true | string;

/**
 * Builds the output check for one workload and input set. A workload with `verify` is checked against its
 * known answers; one without is checked by checksum against a reference run of its task on the calling
 * thread (done here, once, before any measurement).
 */
export async function createOutputCheck(
  workload: AnyWorkload,
  params: Readonly<Record<string, ParamValue>>,
  inputs: readonly unknown[],
): Promise<OutputCheck> {
  const lengthCheck = (outputs: readonly unknown[]): string | undefined =>
    Array.isArray(outputs) && outputs.length === inputs.length
      ? undefined
      : `expected ${inputs.length} outputs, got ${Array.isArray(outputs) ? outputs.length : typeof outputs}`;
  const { verify } = workload;
  if (verify) {
    return (outputs) => {
      const bad = lengthCheck(outputs);
      if (bad) return bad;
      for (let i = 0; i < inputs.length; i++) {
        const verdict = safely(() => verify(outputs[i], inputs[i], params));
        if (verdict !== true) return `task ${i}: ${verdict}`;
      }
      return true;
    };
  }
  const expected: string[] = [];
  for (const input of inputs) expected.push(fingerprint(await workload.run(input)));
  return (outputs) => {
    const bad = lengthCheck(outputs);
    if (bad) return bad;
    for (let i = 0; i < inputs.length; i++) {
      if (fingerprint(outputs[i]) !== expected[i]) {
        return `task ${i}: output differs from the reference run (checksum ${fingerprint(outputs[i])}, expected ${expected[i]})`;
      }
    }
    return true;
  };
}

function safely(check: () => true | string): true | string {
  try {
    const verdict = check();
    return verdict === true ? true : String(verdict);
  } catch (thrown) {
    return `verify threw: ${toError(thrown).message}`;
  }
}
