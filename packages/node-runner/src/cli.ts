#!/usr/bin/env node
import { nodeCli } from './node-cli.js';

await nodeCli(process.argv.slice(2));
