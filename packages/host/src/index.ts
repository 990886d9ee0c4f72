// @paralab/host: what every runner does on the machine that drives it. Named re-exports only.
export {};
