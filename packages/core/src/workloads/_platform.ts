/**
 * The platform globals only the built-in workloads need (`fetch`, `TextEncoder`); timers come from core's
 * `../platform.ts`. They exist in every runtime paralab targets (Node >= 18, Bun, browsers, their workers)
 * but are not part of the ES library core compiles against, so they are read through a minimal typed view of
 * `globalThis` instead of ambient declarations that would leak into other files' typecheck.
 */

/** The part of a fetch `Response` the workloads use. */
interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

interface Platform {
  fetch(url: string): Promise<FetchResponse>;
  TextEncoder: new () => { encode(text: string): Uint8Array };
}

// Read at call time, through globalThis, so `fetch` keeps its receiver (browsers reject a detached fetch).
const platform = globalThis as unknown as Partial<Platform>;

function need<K extends keyof Platform>(name: K): void {
  if (typeof platform[name] !== 'function') {
    throw new TypeError(`this runtime has no global ${name}, which paralab's built-in workloads need`);
  }
}

/** GETs `url` and resolves with the body text; rejects when the status is not 2xx. */
export async function fetchText(url: string): Promise<string> {
  need('fetch');
  const response = await (platform as Platform).fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return response.text();
}

/** Encodes `text` as UTF-8 bytes. */
export function utf8(text: string): Uint8Array {
  need('TextEncoder');
  return new (platform as Platform).TextEncoder().encode(text);
}
