import { ensureChromium } from '../src/chromium.js';

/** vitest's global set-up: every test here drives a Chromium (apt-get installs one if missing). */
export function setup(): void {
  ensureChromium((line) => process.stdout.write(`paralab: ${line}\n`));
}
