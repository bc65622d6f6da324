// Layer rules from the architecture guide: imports flow api -> machinery -> storage ->
// apiserver; client -> scheduler/controllers/kubelet. util and api may be used by all.
import tseslint from 'typescript-eslint';

const layer = (files, banned) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: banned.map((b) => ({ group: [`**/${b}/**`, `**/${b}/*`, `**/${b}`], message: `${files[0]} may not import ${b}` })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
    },
  },
  layer(['src/api/**'], ['machinery', 'storage', 'apiserver', 'client', 'scheduler', 'controllers', 'kubelet', 'component', 'cli', 'cluster']),
  layer(['src/util/**'], ['machinery', 'storage', 'apiserver', 'client', 'scheduler', 'controllers', 'kubelet', 'component', 'cli', 'cluster']),
  layer(['src/machinery/**'], ['storage', 'apiserver', 'client', 'scheduler', 'controllers', 'kubelet', 'component', 'cli', 'cluster']),
  layer(['src/storage/**'], ['apiserver', 'client', 'scheduler', 'controllers', 'kubelet', 'component', 'cli', 'cluster']),
  layer(['src/component/**'], ['storage', 'apiserver', 'client', 'scheduler', 'controllers', 'kubelet', 'cli', 'cluster']),
  layer(['src/apiserver/**'], ['client', 'scheduler', 'controllers', 'kubelet', 'cli', 'cluster']),
  layer(['src/client/**'], ['storage', 'apiserver', 'scheduler', 'controllers', 'kubelet', 'cli', 'cluster']),
  layer(['src/scheduler/**', 'src/controllers/**', 'src/kubelet/**'], ['storage', 'apiserver', 'cli', 'cluster']),
  { files: ['src/cli/**', 'bench/**', 'test/**', 'scripts/**', '**/*.test.ts'], rules: { 'no-console': 'off' } },
);
