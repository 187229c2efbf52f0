// ESLint flat config: typescript-eslint recommended, floating promises (type-aware), the layer rules of ../shared/STYLE.md §1
// (workflows and domain stay deterministic: only types cross in from I/O code), and no focused or skipped tests.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Value imports a deterministic layer must not make; `import type` stays allowed. */
const IO_IMPORTS = [
  {
    group: ['mongoose', 'mongoose/*', 'express', 'express/*', 'nodemailer', 'nodemailer/*', 'pino', 'pino-*', 'smtp-server', 'prom-client'],
    message: 'I/O libraries belong in activities/, models/, api/ or worker/ (metrics: measure in activities); import only types here.',
  },
  {
    group: ['fs', 'fs/*', 'net', 'http', 'https', 'crypto', 'child_process', 'node:*'],
    message: 'Node built-ins are not deterministic (and are not in the workflow bundle); import only types here.',
  },
  {
    group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/testing'],
    message: 'Workflow code uses @temporalio/workflow only.',
  },
  {
    regex: '^\\.{1,2}/(.*/)?(models|api|config|activities|worker|metrics)(/.*)?$',
    message: 'Imports go one way (../shared/STYLE.md §1): only `import type` from activities/, models/, api/, config/, worker/ or metrics/.',
  },
].map((pattern) => ({ ...pattern, allowTypeImports: true }));

const FOCUS_OR_SKIP = 'Never .only or .skip in the repo (../shared/STYLE.md §13): fix or delete the test.';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.meridian/', '**/*.config.js', '**/*.config.mjs'] },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
  {
    // The web chat widget runs in visitors' browsers as a classic script: plain JavaScript, no dependencies, no build.
    files: ['api/webchat/widget.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: 'script',
      globals: {
        ...Object.fromEntries(['window', 'document', 'navigator', 'localStorage', 'fetch', 'URL', 'crypto', 'Intl', 'Event', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly'])),
        __MERIDIAN_WIDGET_WORDS__: 'readonly', // replaced by the words in every language when the API serves it (api/webchat/widget.ts)
      },
    },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: IO_IMPORTS }] },
  },
  {
    // Use cases shared by the API, channels and activities: no HTTP, no composition roots.
    files: ['services/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['express', 'express/*'], message: 'services/ is called by api/ and activities/ alike: keep HTTP in api/.' },
            { regex: '^\\.{1,2}/(.*/)?(api|worker)(/.*)?$', message: 'Imports go one way: api/ and worker/ call services/, never the reverse.' },
          ],
        },
      ],
    },
  },
  {
    // The CLI is a client of the API over HTTP: it shares the schemas (domain/) and config/, never the server's code,
    // so it runs against any Meridian it can reach (npm start reuses its apply with an in-process target, from scripts/).
    files: ['cli/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['mongoose', 'mongoose/*', 'express', 'express/*', '@temporalio/*'], message: 'The CLI talks to the API over HTTP.' },
            {
              regex: '^\\.{1,2}/(.*/)?(models|api|services|activities|workflows|worker|scripts)(/.*)?$',
              message: 'The CLI talks to the API over HTTP: only domain/ and config/ are shared with the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({ object, property, message: FOCUS_OR_SKIP })),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.name=/^(xit|xtest|xdescribe|fit|fdescribe)$/]', message: FOCUS_OR_SKIP },
      ],
    },
  },
);
