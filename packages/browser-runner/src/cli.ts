#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runnerCli } from '@paralab/node-runner';
import { browserCliRunner, ensureBrowserCommand } from './cli-runner.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const argv = process.argv.slice(2);
const identity = {
  bin: 'paralab-browser',
  title: 'headless Chromium (a page and its Web Workers)',
  out: 'results/chromium.json',
  version,
  extraOptions: [
    {
      name: 'browser',
      type: 'string',
      value: '<path>',
      help: 'Chrome or Chromium to drive (default: $PARALAB_CHROMIUM, then the usual places)',
    },
    {
      name: 'ensure-browser',
      type: 'boolean',
      help: "find a browser, or install Debian's chromium with apt-get, then exit",
    },
  ],
} as const;
if (argv.includes('--ensure-browser')) process.exitCode = await ensureBrowserCommand(identity.bin);
else await runnerCli(argv, browserCliRunner, identity);
