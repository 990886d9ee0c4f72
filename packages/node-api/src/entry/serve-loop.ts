// The `serve-loop` server: one node:http event loop that runs each request's task itself.
import { serveOnLoop } from './_serve-http.js';

await serveOnLoop();
