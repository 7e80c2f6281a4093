// Builds the committed bundles with @vercel/ncc: dist/index.js (the action), dist/cli.js (the
// `tracker` bin) and dist/process-server.js (the helper both start to run tool commands). `node scripts/bundle.mjs [outDir]` — the dist-sync test builds into a temp dir and compares.
import ncc from '@vercel/ncc';
import { mkdir, writeFile, chmod } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(process.argv[2] ?? join(root, 'dist'));
const entries = [
  { input: 'src/action-entry.ts', output: 'index.js', shebang: false },
  { input: 'src/cli-entry.ts', output: 'cli.js', shebang: true },
  { input: 'src/process-server-entry.ts', output: 'process-server.js', shebang: false }
];

await mkdir(outDir, { recursive: true });
for (const entry of entries) {
  const { code } = await ncc(join(root, entry.input), {
    minify: false,
    sourceMap: false,
    target: 'es2022',
    quiet: true,
    transpileOnly: false,
    cache: false
  });
  let text = code.replace(/^#!.*\n/, '');
  if (entry.shebang) text = '#!/usr/bin/env node\n' + text;
  const file = join(outDir, entry.output);
  await writeFile(file, text);
  if (entry.shebang) await chmod(file, 0o755);
}
await writeFile(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }, null, 2) + '\n');
console.log(`bundled ${entries.map((e) => e.output).join(', ')} into ${outDir}`);
