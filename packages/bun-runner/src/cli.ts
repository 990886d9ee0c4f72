#!/usr/bin/env bun
import { createRequire } from 'node:module';
import { runCli } from '@paralab/node-runner';
import { IS_BUN } from './_runtime.js';
import { bunRuntime } from './bun-runtime.js';
import { notBun } from './run.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
if (IS_BUN) {
  await runCli(process.argv.slice(2), bunRuntime, {
    bin: 'paralab-bun',
    title: 'Bun',
    out: 'results/bun.json',
    version,
  });
} else {
  process.stderr.write(`paralab-bun: ${notBun().message}\n`);
  process.exitCode = 2;
}
