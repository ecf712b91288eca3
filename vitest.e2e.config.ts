import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // Pseudonym keys of the test municipality live in a temporary folder, never in ./data.
    env: { PSEUDONYM_KEY_DIR: path.join(os.tmpdir(), `sb-e2e-keys-${process.pid}`) },
  },
});
