import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

type ProjectTest = NonNullable<TestProjectInlineConfiguration['test']>;

/** A project whose test files start registries, each on a database cloned from the one the global setup migrates. */
function registryProject(name: string, include: string, test: ProjectTest): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: { name, include: [include], environment: 'node', globalSetup: ['test/support/global-setup.ts'], ...test },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'deploy/**/*.test.ts'],
          environment: 'node',
        },
      },
      registryProject('integration', 'test/integration/**/*.test.ts', { testTimeout: 60_000, hookTimeout: 120_000 }),
      // Each finding of the security review as an attack that must fail (see test/security/README.md).
      registryProject('security', 'test/security/**/*.test.ts', { testTimeout: 60_000, hookTimeout: 120_000 }),
      registryProject('interop', 'test/interop/**/*.test.ts', {
        testTimeout: 300_000,
        hookTimeout: 300_000,
        // Real clients are CPU-heavy; two at a time saturate this class of machine. They run after the other
        // projects (a project with its own worker count needs its own group).
        maxWorkers: 2,
        sequence: { groupOrder: 1 },
      }),
    ],
  },
});
