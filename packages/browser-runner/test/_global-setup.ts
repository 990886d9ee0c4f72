import { ensureChromium } from '../src/chromium.js';

/** vitest's global set-up: every test here drives a Chromium (apt-get installs one if missing). */
export async function setup(): Promise<void> {
  await ensureChromium((line) => process.stdout.write(`paralab: ${line}\n`));
}
