#!/usr/bin/env node
import { runnerCli } from '@paralab/host';
import { denoRunner } from './definition.js';

await runnerCli(process.argv.slice(2), denoRunner);
