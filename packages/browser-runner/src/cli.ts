#!/usr/bin/env node
import { browserCli } from './browser-cli.js';

process.exitCode = await browserCli(process.argv.slice(2));
