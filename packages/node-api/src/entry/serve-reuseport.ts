// One process of the `serve-reuseport` server: a node:http event loop listening with `reusePort` (Node
// 22.12+), so that N such processes share one port and the kernel spreads connections between them.
import { serveOnLoop } from './_serve-http.js';

await serveOnLoop(true);
