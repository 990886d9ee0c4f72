#!/usr/bin/env node
import { runnerCli } from '@paralab/host';
import { bunRunner } from './definition.js';

await runnerCli(process.argv.slice(2), bunRunner);
