/** Running src/ in a child Node process through tsx, for tests that need a real, killable process. */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI_ENTRY = join(ROOT, 'src/cli-entry.ts');
/** tsx's loader by absolute URL: the child may run in a temp dir, where `--import tsx` would not resolve. */
export const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The environment such a child needs (and nothing else from this process). */
export function fromSourceEnv(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')
  };
}
