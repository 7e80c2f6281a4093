/** `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run. */
import { run as parse } from './parse.js';
import { run as parseVsTsGraphviz } from './parse-vs-ts-graphviz.js';
import { run as engine } from './engine.js';

console.log(`# tracker benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
await parse();
await parseVsTsGraphviz();
await engine();
