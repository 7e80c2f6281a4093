/**
 * The shared conformance corpus (../shared/conformance): read-only, and absent outside the development
 * machine, so every suite that reads it runs under `describeWithCorpus` and skips cleanly without it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe } from '@jest/globals';

export const CORPUS_ROOT = join(process.cwd(), '..', 'shared', 'conformance');

/** `describe` when the corpus is there, `describe.skip` when it is not. */
export const describeWithCorpus = existsSync(CORPUS_ROOT) ? describe : describe.skip;

function dotFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return dotFilesUnder(path);
      return name.endsWith('.dot') ? [path] : [];
    });
}

/** Every .dot file of the corpus, sorted, as paths relative to CORPUS_ROOT ([] without the corpus). */
export function corpusDotFiles(): string[] {
  if (!existsSync(CORPUS_ROOT)) return [];
  return dotFilesUnder(CORPUS_ROOT).map((path) => relative(CORPUS_ROOT, path));
}

/** The absolute path and the text of the corpus file `name` (a path relative to CORPUS_ROOT). */
export function readCorpusFile(name: string): { readonly file: string; readonly source: string } {
  const file = join(CORPUS_ROOT, name);
  return { file, source: readFileSync(file, 'utf8') };
}
