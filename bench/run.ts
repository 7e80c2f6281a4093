/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run as languages } from './languages.js';
import { run as parse } from './parse.js';
import { run as parseVsTsGraphviz } from './parse-vs-ts-graphviz.js';

console.log(`# tracker benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
// The headline rows (the built CLI as a child process) first, from a fresh process: this one is about to
// hold a large heap, and every child it starts is a fork of it.
const cli = spawnSync(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./cli.ts', import.meta.url))],
  { stdio: 'inherit' }
);
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
process.exitCode = cli.status === 0 ? (engine.status ?? 1) : (cli.status ?? 1);
