import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources (the `source` export condition), so `npm test` needs no build;
// tests that spawn the built CLI say so in their own setup. No 'import' condition: vitest hands the
// conditions to Node for external CommonJS packages, and `require('long')` (protobufjs, under onnx-proto)
// would then get the ESM namespace instead of Long.
export default defineConfig({
  resolve: { conditions: ['source', 'node', 'default'] },
  ssr: { resolve: { conditions: ['source', 'node', 'default'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
