/** True when this code runs under Bun (detected once, here). */
export const IS_BUN: boolean = 'Bun' in globalThis;

/** Bun's version, or `unknown` when this module is loaded by another runtime. */
export const BUN_VERSION: string = IS_BUN ? Bun.version : 'unknown';
