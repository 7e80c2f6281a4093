// Builds the committed dist/: `node scripts/bundle.mjs [outDir]` (default dist/; the dist-sync test builds
// a copy of the checkout into a temp dir and compares).
//
//   dist/index.js           the action            (src/action-entry.ts)
//   dist/cli.js             the `tracker` bin     (src/cli-entry.ts)
//   dist/process-server.js  the helper the others start to run tool commands (src/process-server-entry.ts)
//   dist/lib.js             the library API       (src/index.ts; package.json "exports")
//   dist/types/             its declarations      (index.d.ts and what it imports)
//
// 1. `tsc -p tsconfig.build.json` type-checks src once and emits JavaScript to .build/src and declarations
//    to .build/types. 2. ncc bundles each entry's JavaScript, in parallel child processes.
//
// The output is byte-identical wherever the checkout lives and wherever the script is started from:
// webpack (inside ncc) names modules by hashes of their paths relative to its context, which is the
// process's cwd, so ncc runs with the checkout root as cwd; and every bundled file must lie inside the
// checkout (a node_modules symlinked or hoisted from elsewhere would put `../..` paths into those hashes).
// .build/ is scratch space; two bundles at once in one checkout would share it.
import ncc from '@vercel/ncc';
import { execFileSync, fork } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
  chmodSync
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';

const root = realpathSync(resolve(import.meta.dirname, '..'));
const BUILD = join(root, '.build');

/** Largest first, so two parallel workers finish at about the same time. */
const ENTRIES = [
  { js: 'action-entry.js', output: 'index.js', shebang: false },
  { js: 'index.js', output: 'lib.js', shebang: false },
  { js: 'cli-entry.js', output: 'cli.js', shebang: true },
  { js: 'process-server-entry.js', output: 'process-server.js', shebang: false }
];

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

/** Child mode: `bundle.mjs --entry <i> <outDir>` bundles one entry (the parent has run tsc). */
async function bundleEntry(index, outDir) {
  const entry = ENTRIES[index];
  const { code, stats } = await ncc(join(BUILD, 'src', entry.js), {
    minify: false,
    sourceMap: false,
    target: 'es2022',
    quiet: true,
    cache: false
  });
  for (const module of stats.compilation.modules) {
    const file = module.resource;
    if (typeof file === 'string' && relative(root, realpathSync(file)).startsWith('..'))
      fail(
        `${entry.output} would bundle ${file}, which is outside ${root}: its module id would depend on where the checkout is. Run \`npm ci\` in the checkout (node_modules must not be a symlink).`
      );
  }
  let text = code.replace(/^#!.*\n/, '');
  if (entry.shebang) text = '#!/usr/bin/env node\n' + text;
  const file = join(outDir, entry.output);
  writeFileSync(file, text);
  if (entry.shebang) chmodSync(file, 0o755);
}

/** index.d.ts and every declaration file it reaches through relative imports; no other imports. */
function copyTypes(fromDir, toDir) {
  const seen = new Set();
  const queue = ['index.d.ts'];
  while (queue.length > 0) {
    const rel = queue.pop();
    if (seen.has(rel)) continue;
    seen.add(rel);
    const text = readFileSync(join(fromDir, rel), 'utf8');
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (specifier.startsWith('.'))
        queue.push(normalize(join(dirname(rel), specifier.replace(/\.js$/, '.d.ts'))));
      else if (!specifier.startsWith('node:'))
        fail(
          `${rel} imports '${specifier}': the library's types may import only node: modules and each other (the package has no dependencies).`
        );
    }
    mkdirSync(dirname(join(toDir, rel)), { recursive: true });
    writeFileSync(join(toDir, rel), text);
  }
  return seen.size;
}

async function main() {
  const outDir = resolve(process.argv[2] ?? join(root, 'dist'));
  const modules = join(root, 'node_modules');
  if (!existsSync(modules) || realpathSync(modules) !== modules)
    fail(
      `${modules} must be a directory of this checkout (run \`npm ci\` here; a symlinked or hoisted node_modules makes the bundle depend on its location).`
    );

  rmSync(BUILD, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      cwd: root,
      stdio: 'inherit'
    });
  } catch {
    fail('tsc found errors (above)');
  }

  mkdirSync(outDir, { recursive: true });
  const workers = Math.min(availableParallelism(), ENTRIES.length);
  let next = 0;
  const worker = async () => {
    while (next < ENTRIES.length) {
      const index = next++;
      // cwd: root is what keeps the module ids independent of where the script was started from.
      const child = fork(import.meta.filename, ['--entry', String(index), outDir], {
        cwd: root,
        stdio: 'inherit'
      });
      const code = await new Promise((done) => child.on('exit', (status) => done(status)));
      if (code !== 0) fail(`bundling ${ENTRIES[index].output} failed`);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));

  rmSync(join(outDir, 'types'), { recursive: true, force: true });
  const types = copyTypes(join(BUILD, 'types'), join(outDir, 'types'));
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
  rmSync(BUILD, { recursive: true, force: true });
  console.log(
    `bundled ${ENTRIES.map((e) => e.output).join(', ')} and ${types} declaration files into ${outDir}`
  );
}

if (process.argv[2] === '--entry')
  await bundleEntry(Number(process.argv[3]), resolve(process.argv[4]));
else await main();
