// ESLint flat config. The layer rules enforce "functional core, imperative shell" (style.md §4):
// core folders may not touch fs, processes, network, env, @actions/*, SDKs or Octokit.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/**
 * Which folder of src/ may import which (ARCHITECTURE.md, "Layers"). A folder may import itself and the
 * folders listed for it, nothing else: an upward or sideways import is a lint error. `common` is the bottom
 * layer; `ports` are interfaces and types only, so they are leaves above it.
 */
export const LAYERS = {
  common: [],
  ports: ['common'],
  dot: ['common'],
  graph: ['common', 'dot'],
  condition: ['common'],
  stylesheet: ['common', 'graph'],
  validate: ['common', 'dot', 'graph', 'condition', 'stylesheet'],
  pipeline: ['common', 'dot', 'graph', 'condition', 'stylesheet', 'validate'],
  engine: ['common', 'ports', 'graph', 'condition'],
  handlers: ['common', 'ports', 'engine', 'graph', 'condition'],
  interviewers: ['common', 'ports'],
  stores: ['common', 'ports', 'engine'],
  adapters: ['common', 'ports', 'graph', 'engine', 'stores'],
  runtime: [
    'common',
    'ports',
    'dot',
    'graph',
    'condition',
    'stylesheet',
    'validate',
    'pipeline',
    'engine',
    'handlers',
    'interviewers',
    'stores',
    'adapters'
  ],
  cli: [
    'common',
    'ports',
    'dot',
    'graph',
    'condition',
    'stylesheet',
    'validate',
    'pipeline',
    'engine',
    'handlers',
    'interviewers',
    'stores',
    'adapters',
    'runtime'
  ],
  action: [
    'common',
    'ports',
    'dot',
    'graph',
    'condition',
    'stylesheet',
    'validate',
    'pipeline',
    'engine',
    'handlers',
    'interviewers',
    'stores',
    'adapters',
    'runtime'
  ]
};

/** Folders (and single files) of the functional core: no fs, processes, network, env, timers or SDKs. */
const CORE = [
  'src/common/**',
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
  'src/interviewers/failing.ts',
  'src/interviewers/match-answer.ts',
  'src/interviewers/reply-command.ts',
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

const EFFECTFUL_PATHS = EFFECTFUL_MODULES.map((name) => ({
  name,
  message: 'Core layers are pure: take this capability through a port in src/ports.'
}));

const EDGE_PACKAGES = {
  group: ['@actions/*', 'openai', '@anthropic-ai/sdk', '@octokit/*', 'ink'],
  message: 'Only src/adapters, src/runtime, src/action and src/cli may use SDKs and @actions.'
};

function isCore(file) {
  return CORE.some((glob) =>
    glob.endsWith('/**') ? file.startsWith(glob.slice(0, -2)) : file === glob
  );
}

/**
 * One `no-restricted-imports` block per src/ folder: the folders LAYERS does not list for it are
 * forbidden; core folders (and the pure files of interviewers/ and stores/) also lose the effectful
 * modules and SDKs. ESLint replaces a rule's options block by block, so each block carries all of them.
 */
function layerBlocks() {
  const folders = Object.keys(LAYERS);
  const blocks = [];
  for (const folder of folders) {
    const allowed = new Set([folder, ...LAYERS[folder]]);
    const forbidden = folders.filter((f) => !allowed.has(f));
    const folderPattern = forbidden.length
      ? [
          {
            group: forbidden.map((f) => `**/${f}/**`),
            message: `src/${folder} may import only ${[...allowed].join(', ')} (eslint.config.js LAYERS, ARCHITECTURE.md).`
          }
        ]
      : [];
    const rule = (core) => [
      'error',
      {
        paths: core ? EFFECTFUL_PATHS : [],
        patterns: [...folderPattern, ...(core ? [EDGE_PACKAGES] : [])]
      }
    ];
    const glob = `src/${folder}/**`;
    const pureFiles = CORE.filter((g) => g.startsWith(`src/${folder}/`) && !g.endsWith('/**'));
    blocks.push({
      files: [glob],
      rules: { 'no-restricted-imports': rule(isCore(`src/${folder}/x`)) }
    });
    if (pureFiles.length)
      blocks.push({ files: pureFiles, rules: { 'no-restricted-imports': rule(true) } });
  }
  return blocks;
}

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
  ...layerBlocks(),
  {
    // The run loop and the big handlers were split along their seams (issue 8); keep the parts small.
    files: ['src/engine/**', 'src/handlers/**'],
    rules: { 'max-lines': ['error', { max: 300 }] }
  },
  {
    files: CORE,
    rules: {
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
