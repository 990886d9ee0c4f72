// One process of the `serve-reuseport` server on Bun: Bun.serve with `reusePort`, so that N such processes
// share one port and the kernel spreads connections between them (Linux).
import { serveOnLoop } from './_serve-bun.js';

await serveOnLoop(true);
