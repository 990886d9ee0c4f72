// @paralab/host/measuring: what runs inside the measuring process of a server runtime (Node, Bun, Deno).
export { type MeasuringRuntime, serveMeasuringSide } from './serve.js';
