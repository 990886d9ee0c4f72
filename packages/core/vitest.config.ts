import { defineConfig } from 'vitest/config';

export const config = defineConfig({ test: { include: ['src/**/*.test.ts'] } });
// vitest loads a config module's default export; this is the one default export paralab allows.
// biome-ignore lint/style/noDefaultExport: vitest requires a default export
export default config;
