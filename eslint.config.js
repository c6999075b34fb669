// ESLint keeps the layering that docs/architecture.md draws: no import cycles, the engine pure,
// and no library folder reaching up into the CLI. Style beyond that is the compiler's and review's job.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

// Folders below the CLI that must never import it; each entry also lists what else it may not reach.
const layers = [
  { folder: 'engine', forbidden: ['cli', 'scan', 'sources', 'audit', 'protect', 'gateway', 'study', 'store', 'run', 'hosts', 'report'] },
  { folder: 'core', forbidden: ['cli', 'engine', 'rules', 'scan', 'sources', 'audit', 'protect', 'gateway', 'study', 'store', 'run', 'hosts', 'report'] },
  { folder: 'rules', forbidden: ['cli', 'scan', 'sources', 'audit', 'protect', 'gateway', 'study', 'store', 'run', 'hosts', 'report'] },
  { folder: 'report', forbidden: ['cli', 'scan', 'sources', 'audit', 'protect', 'gateway', 'study', 'store', 'run'] },
];

const restrict = (files, forbidden, where, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((other) => ({
          group: [`**/${other}/*`, `**/${other}/**`, `**/${other}/index.js`],
          message: `${where} sits below src/${other} in the layering (docs/architecture.md); move the shared piece down instead.`,
        })),
      },
    ],
  },
});

// Every file outside src/cli, in any folder (new ones included), stays off the CLI; the folders above add
// their own limits. A later block replaces the rule for its files, so each list repeats 'cli'.
const layerRules = [
  restrict(['src/**/*.ts'], ['cli'], 'this file', ['src/cli/**']),
  ...layers.map(({ folder, forbidden }) => restrict([`src/${folder}/**/*.ts`], forbidden, `src/${folder}`)),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'fixtures/**', 'bench/**', 'scripts/**', 'test/**'] },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { 'import-x/extensions': ['.ts', '.js'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
);
