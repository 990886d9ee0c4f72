import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/_global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Chromium and a real Node run on a 2-core machine: one test file at a time keeps them from starving.
    fileParallelism: false,
  },
});
// biome-ignore lint/style/noDefaultExport: vitest requires a default export
export default config;
