#!/usr/bin/env node
// The command's launcher: a file that exists before the package is built, so installing the workspace
// links it without warnings; the command itself is the built dist/cli.js.
import '../dist/cli.js';
