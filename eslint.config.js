// Lint + the layer rules of DESIGN.md: the renderer never imports Node or electron (nor main-process
// code beyond the pure API contract); workers never import Node, electron or the DOM; main-process
// services never import electron. A wrong-way import fails `npm test`.
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', ...builtinModules.filter((name) => !name.startsWith('_'))],
  message: 'Node built-ins belong to the main process (electron/services) — not here.',
};
const electronModule = { regex: '^electron(/.*)?$', message: 'Only the Electron shell (electron/main.ts, preload.ts, shell/) may import electron.' };
const mainProcessCode = {
  regex: '(^|/)electron/(?!api/(contract|errors|contracts/[a-z-]+)\\.ts$)',
  message: 'The renderer reaches the main process only through the lab client (the API contract types are the exception).',
};
const rendererCode = { regex: '(^|/)renderer/', message: 'Nothing imports the renderer.' };
const domGlobals = ['window', 'document', 'localStorage', 'sessionStorage', 'HTMLElement', 'HTMLCanvasElement', 'navigator'].map((name) => ({
  name,
  message: 'Workers have no DOM: this code also runs in Node (CLI, tests).',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'assets/**'] },
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['renderer/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, electronModule, mainProcessCode] }] },
  },
  {
    files: ['workers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, electronModule, rendererCode, { regex: '(^|/)electron/', message: 'Workers do not import main-process code.' }] },
      ],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // The layer registry and the spec are read by the renderer (editor fields, shapes), the main
    // process and the CLI: TF.js reaches a layer definition only injected into `build`, as a type.
    files: ['workers/engine/layers/**/*.ts', 'workers/engine/spec/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tensorflow/*'], allowTypeImports: true, message: 'Layer definitions stay free of TF.js at run time: build() gets `tf` injected.' }] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electronModule, rendererCode] }] },
  },
);
