/**
 * PARSE → TRANSFORM → VALIDATE (spec §3.1 phases 1-3) as one pure function. A syntax error becomes
 * diagnostics (rule `dot_syntax` / `dot_limit`), so callers handle every bad input the same way.
 */
import { parseDot } from '../dot/parser.js';
import type { DotLimits } from '../dot/parser.js';
import { isTrackerError } from '../common/errors.js';
import { buildGraph } from '../graph/build-graph.js';
import type { Graph } from '../graph/graph.js';
import type { Diagnostic } from '../common/diagnostic.js';
import { hasErrors, sortDiagnostics } from '../common/diagnostic.js';
import type { LintRule } from '../validate/lint-rule.js';
import { validateGraph } from '../validate/validate.js';
import type { Transform } from './transforms.js';
import { BUILTIN_TRANSFORMS } from './transforms.js';
import type { DotSyntaxError } from '../dot/dot-syntax-error.js';
import { issueRule } from '../dot/dot-syntax-error.js';

export interface PrepareOptions {
  readonly file?: string;
  readonly limits?: Partial<DotLimits>;
  /** Run after the built-in transforms, in order (spec §9.3). */
  readonly transforms?: readonly Transform[];
  readonly extraRules?: readonly LintRule[];
  /** Handler types the registry knows (for `type_known`). Defaults to the built-in types. */
  readonly knownHandlerTypes?: Iterable<string>;
}

export interface PreparedPipeline {
  /** Absent when the text does not parse. */
  readonly graph?: Graph;
  readonly diagnostics: readonly Diagnostic[];
  /** True when there are no error diagnostics. */
  readonly ok: boolean;
  /** The text that was prepared, so renderers can show source excerpts (see `attachExcerpts`). */
  readonly source?: string;
  /** The file name diagnostics use for this text. */
  readonly file?: string;
}

/** One diagnostic per issue, each with its own rule, in source order; a note when parsing gave up early. */
export function syntaxDiagnostics(error: DotSyntaxError): Diagnostic[] {
  const diagnostics = sortDiagnostics(
    error.issues.map((issue) => ({
      rule: issueRule(issue.code),
      severity: 'error',
      message: issue.message,
      file: issue.location.file,
      line: issue.location.line,
      column: issue.location.column,
      ...(issue.hint === undefined ? {} : { fix: issue.hint }),
      ...(issue.excerpt === '' ? {} : { excerpt: issue.excerpt }),
      token: issue.token
    }))
  );
  if (error.truncated) {
    const last = diagnostics[diagnostics.length - 1];
    diagnostics.push({
      rule: 'dot_syntax',
      severity: 'info',
      message: `stopped after ${error.issues.length} errors; fix these and run again to see the rest`,
      ...(last?.file === undefined ? {} : { file: last.file }),
      ...(last?.line === undefined ? {} : { line: last.line }),
      ...(last?.column === undefined ? {} : { column: last.column })
    });
  }
  return diagnostics;
}

export function preparePipeline(source: string, options: PrepareOptions = {}): PreparedPipeline {
  let ast;
  try {
    ast = parseDot(source, {
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(options.limits === undefined ? {} : { limits: options.limits })
    });
  } catch (error) {
    if (isTrackerError(error) && (error.code === 'DOT_SYNTAX' || error.code === 'DOT_LIMIT')) {
      return {
        diagnostics: syntaxDiagnostics(error as DotSyntaxError),
        ok: false,
        source,
        ...(options.file === undefined ? {} : { file: options.file })
      };
    }
    throw error;
  }
  const built = buildGraph(ast);
  let graph = built.graph;
  for (const transform of [...BUILTIN_TRANSFORMS, ...(options.transforms ?? [])]) {
    graph = transform.apply(graph);
  }
  const diagnostics = sortDiagnostics([
    ...built.diagnostics,
    ...validateGraph(graph, {
      ...(options.extraRules === undefined ? {} : { extraRules: [...options.extraRules] }),
      ...(options.knownHandlerTypes === undefined
        ? {}
        : { knownHandlerTypes: options.knownHandlerTypes })
    })
  ]);
  return {
    graph,
    diagnostics,
    ok: !hasErrors(diagnostics),
    source,
    ...(options.file === undefined ? {} : { file: options.file })
  };
}
