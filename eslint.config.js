// ESLint flat config. The layer rules enforce "functional core, imperative shell" (style.md §4):
// core folders may not touch fs, processes, network, env, @actions/*, SDKs or Octokit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const CORE = [
  'src/dot/**',
  'src/graph/**',
  'src/validate/**',
  'src/condition/**',
  'src/stylesheet/**',
  'src/pipeline/**',
  'src/engine/**',
  'src/handlers/**',
  'src/ports/**',
  'src/interviewers/auto-approve.ts',
  'src/interviewers/queue.ts',
  'src/interviewers/callback.ts',
  'src/interviewers/recording.ts',
  'src/stores/memory-*.ts'
];

const EFFECTFUL_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'dgram',
  'os',
  'readline',
  'worker_threads',
  'cluster'
].flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.build/**',
      'node_modules/**',
      'coverage/**',
      '.tracker/**',
      'jest.config.js'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'import-x/no-cycle': ['error', { maxDepth: 20 }]
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } }
  },
  {
    files: CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: EFFECTFUL_MODULES.map((name) => ({
            name,
            message: 'Core layers are pure: take this capability through a port in src/ports.'
          })),
          patterns: [
            {
              group: ['@actions/*', 'openai', '@anthropic-ai/sdk', '@octokit/*', 'ink'],
              message: 'Only src/adapters, src/action and src/cli may use SDKs and @actions.'
            },
            {
              group: ['**/adapters/**', '**/cli/**', '**/action/**'],
              message: 'Core layers may not depend on the edges.'
            }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Core layers may not read process state; inject it.' },
        { name: 'setTimeout', message: 'Use the Clock port.' },
        { name: 'setInterval', message: 'Use the Clock port.' },
        { name: 'fetch', message: 'Core layers may not use the network; take a port.' },
        { name: 'XMLHttpRequest', message: 'Core layers may not use the network; take a port.' },
        { name: 'WebSocket', message: 'Core layers may not use the network; take a port.' },
        { name: 'EventSource', message: 'Core layers may not use the network; take a port.' }
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the Clock port.' },
        { object: 'Math', property: 'random', message: 'Inject a random source.' },
        {
          object: 'globalThis',
          property: 'fetch',
          message: 'Core layers may not use the network; take a port.'
        },
        {
          object: 'globalThis',
          property: 'process',
          message: 'Core layers may not read process state; inject it.'
        }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the Clock port.'
        }
      ]
    }
  },
  {
    files: ['__tests__/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off'
    }
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      parserOptions: { projectService: false },
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        URL: 'readonly'
      }
    }
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
);
