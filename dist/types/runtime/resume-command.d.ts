/** `file` as the user would type it from `cwd`: relative when it is inside, else absolute. */
export declare function displayPath(file: string, cwd: string): string;
/** Quotes a word for a POSIX shell when it needs it (`my dir/p.dot` → `'my dir/p.dot'`). */
export declare function shellQuote(word: string): string;
/**
 * The command that resumes a run, to paste in the user's cwd: the checkpoint, `-w` when the workdir is not the
 * cwd (so tools run where they ran before, whatever manifest.json says), and the pipeline file.
 */
export declare function resumeCommandLine(checkpointPath: string, workdir: string, pipelineFile: string, cwd: string): string;
