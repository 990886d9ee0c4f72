import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Real workers and processes on a 2-core machine: one test file at a time keeps timings sane.
    fileParallelism: false,
  },
});
// biome-ignore lint/style/noDefaultExport: vitest requires a default export
export default config;
