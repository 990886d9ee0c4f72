#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCli } from './cli/main.js';
import { nodeRuntime } from './node-runtime.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
await runCli(process.argv.slice(2), nodeRuntime, {
  bin: 'paralab-node',
  title: 'Node',
  out: 'results/node.json',
  version,
});
