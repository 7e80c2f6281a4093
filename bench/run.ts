/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run as languages } from './languages.js';
import { run as parse } from './parse.js';
import { run as parseVsTsGraphviz } from './parse-vs-ts-graphviz.js';

console.log(`# tracker benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
await parse();
await parseVsTsGraphviz();
await languages();
// The engine benchmarks run in a fresh process: after the parse benchmarks this one holds a large heap,
// and a fork from a large heap is slow, which would flatter tracker against bench (a)'s bare spawn loop.
const engine = spawnSync(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', fileURLToPath(new URL('./engine.ts', import.meta.url))],
  { stdio: 'inherit' }
);
process.exitCode = engine.status ?? 1;
