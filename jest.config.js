/** Jest with @swc/jest (type-checking runs separately: `tsc --noEmit`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2020' } }] },
  setupFiles: ['<rootDir>/__tests__/support/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/matchers.ts'],
  snapshotSerializers: ['<rootDir>/__tests__/support/policy-serializer.ts'],
  testTimeout: 60000,
  // Two cores here: jest's default (cores - 1) would run one file at a time.
  maxWorkers: 2,
};
