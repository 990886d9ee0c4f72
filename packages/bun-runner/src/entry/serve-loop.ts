// The `serve-loop` server on Bun: one Bun.serve event loop that runs each request's task itself.
import { serveOnLoop } from './_serve-bun.js';

await serveOnLoop();
