// The one way the page talks to the runner: the binding the runner exposes (`page.exposeBinding`).
import { HOST_BINDING, type ToHost } from '../protocol.js';

type Host = (message: ToHost) => Promise<unknown>;

/**
 * Sends `message` to the runner and resolves with its answer; resolves with undefined when the page does
 * not run under paralab's runner, or the call fails (the page then goes on without that answer).
 */
export async function callHost(message: ToHost): Promise<unknown> {
  const host = (globalThis as unknown as Record<string, Host | undefined>)[HOST_BINDING];
  try {
    return await host?.(message);
  } catch {
    return undefined;
  }
}
