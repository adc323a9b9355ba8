// Lint: TypeScript rules plus the one-way layering of CONVENTIONS.md, enforced as import zones.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import { builtinModules } from 'node:module';

const hostLayers = ['./src/notebook', './src/commands', './src/language', './src/panels', './src/extension.ts'];
const zone = (target, from, message) => ({ target, from, message });
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'dist-vsix/**', '.run/**', 'node_modules/**', 'test/tools/**', '**/node_modules/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            zone(
              './src/shared',
              ['./src/core', './src/client', './src/cli', './webview', ...hostLayers],
              'shared is pure: it imports no other layer.',
            ),
            zone(
              './src/core',
              ['./src/client', './src/cli', './webview', ...hostLayers],
              'the core process knows only shared.',
            ),
            zone(
              './src/client',
              ['./src/core', './src/cli', './webview', ...hostLayers],
              'the client talks to the core over the protocol, never by import.',
            ),
            zone(
              './src/cli',
              ['./src/core', './webview', ...hostLayers],
              'the CLI drives the core through the client.',
            ),
            ...hostLayers.map((l) =>
              zone(
                l,
                ['./src/core', './src/cli', './webview'],
                'the extension host reaches the core only through the client.',
              ),
            ),
            zone(
              './webview',
              ['./src/core', './src/client', './src/cli', ...hostLayers],
              'webviews depend only on shared schemas.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'TensorFlow.js is loaded only in the core process (src/core).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The core process runs without VS Code.' }] },
      ],
    },
  },
  {
    files: ['src/client/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The client and CLI run without VS Code.' }],
          patterns: [
            { group: ['@tensorflow/*'], message: 'TensorFlow.js is loaded only in the core process (src/core).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'shared and webview code runs without the VS Code API.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'shared and webview code uses no Node built-ins.' })),
          ],
          patterns: [
            { group: ['@tensorflow/*'], message: 'TensorFlow.js is loaded only in the core process (src/core).' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
