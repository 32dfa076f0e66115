// Lint + the layer rules of DESIGN.md. Shared pure code has two homes, and everyone may import them:
// the API contract (electron/api/contract.ts, errors.ts, contracts/*.ts: zod schemas and plain types,
// no Node, no services, no classes) and the engine's pure modules (workers/engine/spec/**, the worker
// protocol, the run recorder). Beyond that: the renderer never imports Node, electron, main-process
// code, TF.js or TF.js engine code (engine type imports aside: TF.js runs in the worker); workers never import Node,
// electron, the DOM or main-process code (type imports of the contract aside); main-process services
// never import electron or the hosts that use them. A wrong-way import fails `npm test`
// (scripts/layers.test.ts proves each rule).
import { builtinModules } from 'node:module';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', ...builtinModules.filter((name) => !name.startsWith('_'))],
  message: 'Node built-ins belong to the main process (electron/services) — not here.',
};
const electronModule = { regex: '^electron(/.*)?$', message: 'Only the Electron shell (electron/main.ts, preload.ts, shell/) may import electron.' };
const CONTRACT = 'api/(contract|errors|contracts/[a-z-]+)\\.ts$';
const mainProcessCode = {
  regex: `(^|/)electron/(?!${CONTRACT})`,
  message: 'The renderer reaches the main process only through the lab client (the API contract types are the exception).',
};
/** The engine modules everyone may import at run time; the rest of workers/ is TF.js code for the worker (and Node). */
const PURE_ENGINE = '(engine/spec/[a-z-]+|engine/layers/[a-z0-9-]+|engine/experiments/(catalog/)?[a-z0-9-]+|protocol|run-recorder|engine/train/running-mean)\\.ts$';
const engineCode = {
  regex: `(^|/)workers/(?!${PURE_ENGINE})`,
  allowTypeImports: true,
  message: 'TF.js runs in the training worker: the renderer imports only its types, the spec module, the layer registry, the experiment definitions, the protocol and the run recorder.',
};
const contractFromWorkers = {
  regex: `(^|/)electron/${CONTRACT}`,
  allowTypeImports: true,
  message: 'Workers use the API contract\'s types only (`import type`).',
};
const hostCode = {
  // import paths are relative: from electron/services/x, the hosts are ../web/, ../../cli/, ../core.ts …
  regex: '(^|/)(web|shell|cli)/[^/]+$|^(\\.\\./)+(core|main|preload)\\.ts$',
  message: 'Services are used by the hosts and the CLI, never the other way round.',
};
const tfjs = { group: ['@tensorflow/*'], message: 'The renderer bundle carries no TF.js, not even its types: TF.js runs in the training worker.' };
const rendererCode = { regex: '(^|/)renderer/', message: 'Nothing imports the renderer.' };
/** The `no-restricted-imports` rule with these patterns. */
const importsExcept = (...patterns) => ['error', { patterns }];
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
    rules: { 'no-restricted-imports': importsExcept(nodeBuiltins, electronModule, mainProcessCode, engineCode, tfjs) },
  },
  {
    files: ['workers/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      'no-restricted-imports': importsExcept(
        nodeBuiltins,
        electronModule,
        rendererCode,
        { regex: `(^|/)electron/(?!${CONTRACT})`, message: 'Workers do not import main-process code.' },
        contractFromWorkers,
      ),
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // The layer registry and the spec are read by the renderer (editor fields, shapes), the main
    // process and the CLI: TF.js reaches a layer definition only injected into `build`, as a type.
    files: ['workers/engine/layers/**/*.ts', 'workers/engine/spec/**/*.ts', 'workers/engine/experiments/**/*.ts'],
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
    rules: { 'no-restricted-imports': importsExcept(electronModule, rendererCode) },
  },
  {
    files: ['electron/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': importsExcept(electronModule, rendererCode, hostCode) },
  },
  {
    // The contract is imported by every layer: plain data, schemas and pure functions only.
    files: ['electron/api/contract.ts', 'electron/api/errors.ts', 'electron/api/define.ts', 'electron/api/contracts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': importsExcept(
        nodeBuiltins,
        electronModule,
        rendererCode,
        { regex: '^(\\.\\./)+(services|web|shell|cli)/', message: 'The API contract is pure: it imports no services or hosts.' },
        { regex: '(^|/)workers/(?!engine/spec/)', allowTypeImports: true, message: 'The API contract imports only the engine\'s types and its pure spec module.' },
      ),
    },
  },
  {
    files: ['electron/api/contracts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ClassDeclaration, ClassExpression',
          message: 'No classes in the API contract (shared pure data): put a stateful class where its state lives (e.g. workers/run-recorder.ts).',
        },
      ],
    },
  },
);
