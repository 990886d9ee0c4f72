import { ensureChromium } from '@paralab/browser-runner';

/** vitest's global set-up: the report's browser tests need a Chromium (apt-get installs one if missing). */
export async function setup(): Promise<void> {
  await ensureChromium((line) => process.stdout.write(`paralab: ${line}\n`));
}
