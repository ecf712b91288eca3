import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['test/setup.ts'],
    // Pseudonym keys of test municipalities live in a temporary folder, never in ./data.
    env: { PSEUDONYM_KEY_DIR: path.join(os.tmpdir(), `sb-test-keys-${process.pid}`) },
  },
});
