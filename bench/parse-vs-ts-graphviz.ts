/**
 * Our `parseDot` against ts-graphviz's `parse` (peggy-generated) on generated pipelines, plus the error
 * messages both give for broken input. Numbers feed docs/decisions/0001-own-dot-parser.md.
 *
 *   npx tsx bench/parse-vs-ts-graphviz.ts
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseWithTsGraphviz } from 'ts-graphviz/ast';
import type { Attr, Statement } from '../src/dot/ast.js';
import { Lexer } from '../src/dot/lexer.js';
import { parseDot } from '../src/dot/parser.js';
import { isTrackerError } from '../src/common/errors.js';
import type { DotSyntaxError } from '../src/dot/dot-syntax-error.js';
import { generateLoopingPipeline as generatePipeline } from './generate.js';

interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
}

function time(fn: () => unknown, warmups: number, runs: number): Timing {
  for (let i = 0; i < warmups; i += 1) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    medianMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    minMs: samples[0] ?? Number.NaN
  };
}

/** Runs our lexer alone over `text`, dropping the tokens. */
function countTokens(text: string): number {
  const lexer = new Lexer(text, () => undefined);
  let count = 0;
  while (lexer.next().kind !== 'eof') count += 1;
  return count;
}

/** Number of DotIds in the tree (every one carries a span with two positions). */
function countIds(body: readonly Statement[]): number {
  let count = 0;
  const attrs = (list: readonly Attr[]): number => list.length * 2;
  for (const stmt of body) {
    switch (stmt.type) {
      case 'node':
        count += 1 + attrs(stmt.attrs);
        break;
      case 'edge':
        count += attrs(stmt.attrs);
        for (const operand of stmt.operands) {
          count +=
            operand.type === 'node_ref'
              ? 1
              : countIds(operand.body) + (operand.id === undefined ? 0 : 1);
        }
        break;
      case 'attr_stmt':
        count += attrs(stmt.attrs);
        break;
      case 'assign':
        count += 2;
        break;
      case 'subgraph':
        count += countIds(stmt.body) + (stmt.id === undefined ? 0 : 1);
        break;
    }
  }
  return count;
}

/** Builds `count` retained DotId-shaped objects: the allocation floor for an AST of that many IDs. */
function allocateIds(count: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    kept.push({
      value: 'x',
      kind: 'bare',
      span: { start: { line: i, column: 3, offset: i }, end: { line: i, column: 5, offset: i + 2 } }
    });
  }
  return kept;
}

/** A machine-speed reference, so numbers from a busy or slow machine can be scaled. */
function calibrate(): string {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < 200_000_000; i += 1) sum += i & 7;
  const ms = performance.now() - start;
  return `calibration loop (2e8 adds): ${ms.toFixed(0)} ms${sum < 0 ? '!' : ''}`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

const BROKEN_INPUTS: readonly { readonly name: string; readonly text: string }[] = [
  {
    name: 'unclosed attribute list',
    text: 'digraph G {\n  a [label="Plan", shape=box\n  b -> c\n}\n'
  },
  {
    name: 'unterminated string',
    text: 'digraph G {\n  a [label="Plan]\n  a -> b\n}\n'
  },
  {
    name: 'missing value, plus a second independent error',
    text: 'digraph G {\n  a [label=]\n  b -> -> c\n  d [shape=box]\n}\n'
  }
];

interface ErrorReport {
  readonly message: string;
  readonly hasLocation: boolean;
}

function ourError(text: string): ErrorReport {
  try {
    parseDot(text, { file: 'broken.dot' });
    return { message: '(parsed without error)', hasLocation: false };
  } catch (error) {
    if (isTrackerError(error) && (error.code === 'DOT_SYNTAX' || error.code === 'DOT_LIMIT')) {
      return { message: (error as DotSyntaxError).format(), hasLocation: true };
    }
    return { message: `unexpected ${String(error)}`, hasLocation: false };
  }
}

function tsGraphvizError(text: string): ErrorReport {
  try {
    parseWithTsGraphviz(text);
    return { message: '(parsed without error)', hasLocation: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      error instanceof Error
        ? (error.cause as { location?: { start?: { line: number; column: number } } } | undefined)
        : undefined;
    const start = cause?.location?.start;
    return start === undefined
      ? { message, hasLocation: false }
      : {
          message: `${message} (error.cause.location: ${start.line}:${start.column})`,
          hasLocation: true
        };
  }
}

function dotFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return dotFiles(path);
    return entry.name.endsWith('.dot') ? [path] : [];
  });
}

/** How many real pipelines (the shared conformance corpus, when present) each parser accepts. */
function compareCorpus(root: string): void {
  if (!existsSync(root)) {
    console.log(`(no corpus at ${root}; skipping the acceptance comparison)`);
    return;
  }
  const files = dotFiles(root);
  let ours = 0;
  let theirs = 0;
  const rejections = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    try {
      parseDot(text, { file });
      ours += 1;
    } catch {
      // counted by difference
    }
    try {
      parseWithTsGraphviz(text);
      theirs += 1;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      rejections.set(reason, (rejections.get(reason) ?? 0) + 1);
    }
  }
  console.log(`--- conformance corpus: ${files.length} pipeline files ---`);
  console.log(`ours accepts ${ours}, ts-graphviz accepts ${theirs}`);
  for (const [reason, count] of rejections)
    console.log(`  ts-graphviz rejects ${count}: ${reason}`);
}

export async function run(): Promise<void> {
  // ts-graphviz needs seconds per run at 100k nodes, so it gets fewer runs there.
  const sizes: readonly {
    readonly nodes: number;
    readonly warmups: number;
    readonly runs: number;
    readonly theirRuns: number;
  }[] = [
    { nodes: 1_000, warmups: 5, runs: 15, theirRuns: 15 },
    { nodes: 10_000, warmups: 2, runs: 7, theirRuns: 5 },
    { nodes: 100_000, warmups: 1, runs: 5, theirRuns: 3 }
  ];
  console.log(`node ${process.version} on ${process.platform}/${process.arch}; ${calibrate()}`);
  console.log('');
  console.log(
    `${pad('nodes', 7)} ${pad('edges', 7)} ${pad('MiB', 6)} | ${pad('ours ms', 9)} ${pad('µs/node', 8)} | ${pad('tsg ms', 9)} ${pad('µs/node', 8)} | ${pad('ours/tsg', 8)} | ${pad('lex ms', 7)} ${pad('floor ms', 8)}`
  );
  for (const { nodes, warmups, runs, theirRuns } of sizes) {
    const text = generatePipeline(nodes);
    const edges = nodes * 2 + 1;
    // Both parsers' default size/AST limits are below a 100k-node file; lift them for the benchmark.
    const ours = time(
      () => parseDot(text, { limits: { maxBytes: Number.POSITIVE_INFINITY } }),
      warmups,
      runs
    );
    const theirs = time(
      () => parseWithTsGraphviz(text, { maxASTNodes: 0, maxInputSize: 0 }),
      warmups,
      theirRuns
    );
    const lexOnly = time(() => countTokens(text), warmups, runs);
    const ids = countIds(parseDot(text, { limits: { maxBytes: Number.POSITIVE_INFINITY } }).body);
    const floor = time(() => allocateIds(ids), warmups, runs);
    console.log(
      `${pad(String(nodes), 7)} ${pad(String(edges), 7)} ${pad((text.length / 1048576).toFixed(1), 6)} | ` +
        `${pad(ours.medianMs.toFixed(1), 9)} ${pad(((ours.medianMs * 1000) / nodes).toFixed(2), 8)} | ` +
        `${pad(theirs.medianMs.toFixed(1), 9)} ${pad(((theirs.medianMs * 1000) / nodes).toFixed(2), 8)} | ` +
        `${pad((ours.medianMs / theirs.medianMs).toFixed(2), 8)} | ` +
        `${pad(lexOnly.medianMs.toFixed(1), 7)} ${pad(floor.medianMs.toFixed(1), 8)}`
    );
    await Promise.resolve();
  }
  console.log(
    '\n(median of the timed runs after warm-up. lex ms: our lexer alone. floor ms: allocating as many\n' +
      ' DotId-shaped objects ({value, kind, span: {start, end}}) as the AST holds IDs, i.e. the cost of the\n' +
      ' fixed AST shape before any parsing.)\n'
  );

  for (const { name, text } of BROKEN_INPUTS) {
    const ours = ourError(text);
    const theirs = tsGraphvizError(text);
    console.log(`--- ${name} ---`);
    console.log(text.trimEnd());
    console.log(`ours (location: ${ours.hasLocation ? 'yes' : 'no'}):`);
    console.log(ours.message);
    console.log(`ts-graphviz (location: ${theirs.hasLocation ? 'yes' : 'no'}):`);
    console.log(`  ${theirs.message}`);
    console.log('');
  }

  compareCorpus(join(process.cwd(), '..', 'shared', 'conformance'));
}

if (
  process.argv[1] !== undefined &&
  import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))
) {
  await run();
}
