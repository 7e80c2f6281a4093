import { resolve } from 'node:path';

/** `file` as the user would type it from `cwd`: relative when it is inside, else absolute. */
export function displayPath(file: string, cwd: string): string {
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

/** Quotes a word for a POSIX shell when it needs it (`my dir/p.dot` → `'my dir/p.dot'`). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that resumes a run, to paste in the user's cwd: the checkpoint, `-w` when the workdir is not the
 * cwd (so tools run where they ran before, whatever manifest.json says), and the pipeline file.
 */
export function resumeCommandLine(
  checkpointPath: string,
  workdir: string,
  pipelineFile: string,
  cwd: string
): string {
  const words = ['tracker', '-c', displayPath(checkpointPath, cwd)];
  if (resolve(workdir) !== resolve(cwd)) words.push('-w', displayPath(workdir, cwd));
  words.push(displayPath(pipelineFile, cwd));
  return words.map(shellQuote).join(' ');
}
