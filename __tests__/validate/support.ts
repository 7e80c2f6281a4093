/**
 * Test support for the validation tests: DOT text → Graph → diagnostics, with the real parser and builder.
 */
import { expect } from '@jest/globals';
import { parseDot } from '../../src/dot/parser.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import type { Graph } from '../../src/graph/graph.js';
import type { Diagnostic } from '../../src/common/diagnostic.js';
import type { LintRule } from '../../src/validate/lint-rule.js';
import { BUILTIN_HANDLER_TYPES } from '../../src/graph/shapes.js';
import { validateGraph } from '../../src/validate/validate.js';

export const FILE = 'p.dot';

/** Joins lines with '\n' so tests can count lines and columns. */
export function lines(...text: string[]): string {
  return text.join('\n');
}

export function graphOf(source: string, file = FILE): Graph {
  return buildGraph(parseDot(source, { file })).graph;
}

/** Runs one rule on the graph of `source`. */
export function applyRule(
  rule: LintRule,
  source: string,
  knownHandlerTypes: ReadonlySet<string> = BUILTIN_HANDLER_TYPES
): Diagnostic[] {
  return rule.apply(graphOf(source), { knownHandlerTypes });
}

/** The one diagnostic of `diagnostics`; fails the test when there are none or several. */
export function singleDiagnostic(diagnostics: readonly Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);
  const [d] = diagnostics;
  if (d === undefined) throw new Error('expected exactly one diagnostic');
  return d;
}

/** Every diagnostic of the full validation, optionally only those of one rule. */
export function validate(source: string, rule?: string): Diagnostic[] {
  const all = validateGraph(graphOf(source));
  return rule === undefined ? all : all.filter((d) => d.rule === rule);
}

/** The rule ids of the error diagnostics of `source`. */
export function errorRules(source: string): string[] {
  return validate(source)
    .filter((d) => d.severity === 'error')
    .map((d) => d.rule);
}

/** A minimal valid pipeline around some extra statements: start -> work -> done (lines 2-4 hold the nodes). */
export function pipeline(...body: string[]): string {
  return lines(
    'digraph p {',
    '  start [shape=Mdiamond]',
    '  work [prompt="Do the work"]',
    '  done [shape=Msquare]',
    ...body,
    '}'
  );
}
