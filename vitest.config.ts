import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/domain/**/*.test.ts', 'tests/local/**/*.test.ts', 'tests/sync/**/*.test.ts', 'tests/server/**/*.test.ts'],
          // The property tests and the five-year generator take a few seconds alone, longer
          // when the end-to-end suite shares the two cores.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['tests/app/**/*.test.tsx'],
          setupFiles: ['tests/app/setup.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
