/** `tracker --help` text, generated from the flag table so it cannot drift from the parser. */
import { FLAGS } from './args.js';
import { TAIL_LINE_WIDTH } from './render-tail.js';
import { VERSION } from '../version.js';

export function helpText(): string {
  const rows = FLAGS.map((f) => {
    const names = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.metavar ? ` ${f.metavar}` : ''}`;
    return `  ${names.padEnd(28)} ${f.help}`;
  });
  return [
    `tracker ${VERSION} — run DOT-defined pipelines (Attractor), checkpointed and resumable.`,
    '',
    'Usage:',
    '  tracker [run] <pipeline.dot> [flags]   Run a pipeline.',
    '  tracker validate <pipeline.dot>        Check a pipeline; print diagnostics, a synopsis and the plan.',
    '  tracker simulate <pipeline.dot>        Print the plan and walk the graph with simulated outcomes',
    '                                         (runs nothing; a loop is cut off at the 4th visit of a node).',
    '  tracker -c <run>/checkpoint.json <pipeline.dot>   Resume a run from its checkpoint.',
    '  tracker -r <runID|run dir> <pipeline.dot>         Resume a run by ID (prefix) or directory.',
    '    A resumed run keeps its ID and workdir; completed nodes are not re-run; after a failure the',
    '    failed node gets a fresh retry budget. See docs/runs.md.',
    '',
    'Flags:',
    ...rows,
    '',
    'Exit codes:',
    '  0  success (validate: no errors; warnings allowed)',
    '  1  the pipeline failed, or the graph has errors',
    '  2  usage error (unknown flag, missing or unreadable file), or the run is owned by another live',
    '     tracker process (its .lock)',
    '  3  stopped (SIGINT/SIGTERM, once or more) and resumable: the checkpoint is saved and the resume',
    '     command is printed',
    '',
    'Output:',
    '  Control characters from pipelines and tools print as escapes (ESC as \\x1b); files keep the raw',
    `  bytes. A failure summary shows at most ${TAIL_LINE_WIDTH} characters of each output line (the end of it).`,
    '',
    'Environment:',
    '  TRACKER_PASS_ENV=1        pass secret-looking variables to every tool command (docs/tool-nodes.md)',
    '  TRACKER_PROCESS_HELPER=0  start tool commands from tracker itself, not from its helper process',
    '',
    'Docs: README.md, docs/runs.md, docs/diagnostics.md, docs/attributes.md, docs/conditions.md.'
  ].join('\n');
}
