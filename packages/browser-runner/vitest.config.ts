import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/_global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Each test file drives a real Chromium on a 2-core machine: one file at a time keeps timings sane.
    fileParallelism: false,
  },
});
// biome-ignore lint/style/noDefaultExport: vitest requires a default export
export default config;
