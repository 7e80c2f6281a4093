/**
 * Validation against the conformance corpus (../shared/conformance, read-only; skipped when absent):
 * real pipelines written for other Attractor implementations must validate with zero errors, and the
 * deliberately invalid fixtures must fail with the expected rules.
 */
import { expect, it } from '@jest/globals';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import {
  corpusDotFiles,
  describeWithCorpus,
  readCorpusFile
} from '../support/conformance-corpus.js';

interface Expectation {
  /** Exactly these error rules (each at least once, no others). */
  readonly errors: readonly string[];
  /** Words that some error message must contain. */
  readonly mentions?: readonly string[];
  /** Warning rules that must also appear. */
  readonly warnings?: readonly string[];
  readonly why: string;
}

/** Every .dot in the corpus not listed here must validate with zero errors. */
const INVALID: Readonly<Record<string, Expectation>> = {
  'tracker-examples/cycle.dot': {
    errors: ['unconditional_cycle'],
    mentions: ['a -> b -> a'],
    why: "Tracker's own intentionally invalid fixture: b always picks a (lexically before done)"
  },
  'attractorbench/missing_start.dot': {
    errors: ['start_node'],
    mentions: ['Mdiamond'],
    why: 'no start node'
  },
  'attractorbench/missing_exit.dot': {
    errors: ['terminal_node'],
    mentions: ['Msquare'],
    why: 'no exit node'
  },
  'attractorbench/orphan.dot': {
    errors: ['reachability'],
    mentions: ['orphan'],
    why: 'orphan node'
  },
  'attractorbench/bad_edge.dot': {
    errors: ['exit_reachable'],
    mentions: ['nonexistent_node', 'no path to the exit'],
    warnings: ['implicit_node'],
    why: 'edge to an undeclared node, which becomes a dead end'
  },
  'fkyeah/02-validation/01-missing-start/pipeline.dot': {
    errors: ['start_node'],
    mentions: ['Mdiamond'],
    why: 'no start node'
  },
  'fkyeah/02-validation/02-missing-exit/pipeline.dot': {
    errors: ['terminal_node'],
    mentions: ['Msquare'],
    why: 'no exit node'
  },
  'fkyeah/02-validation/03-orphan-node/pipeline.dot': {
    errors: ['reachability'],
    mentions: ['orphan'],
    why: 'orphan node'
  },
  'fkyeah/02-validation/04-dead-end/pipeline.dot': {
    errors: ['exit_reachable'],
    mentions: ['deadend', 'no path to the exit'],
    why: 'a node without outgoing edges'
  },
  'fkyeah/02-validation/05-no-path-to-exit/pipeline.dot': {
    errors: ['exit_reachable', 'unconditional_cycle'],
    mentions: ['exit', 'a -> b -> a'],
    why: 'a closed loop a <-> b that never reaches the exit'
  },
  'fkyeah/02-validation/06-start-incoming/pipeline.dot': {
    errors: ['start_no_incoming'],
    why: 'edge into start'
  },
  'fkyeah/02-validation/07-exit-outgoing/pipeline.dot': {
    errors: ['exit_no_outgoing'],
    why: 'edge out of the exit'
  },
  'fkyeah/02-validation/12-multiple-exits/pipeline.dot': {
    errors: ['terminal_node'],
    mentions: ['found 2'],
    why: 'two Msquare nodes'
  }
};

/** Valid files that must still produce a particular warning. */
const WARNS: Readonly<Record<string, readonly string[]>> = {
  'attractorbench/missing_prompt.dot': ['prompt_on_llm_nodes'],
  'attractorbench/goal_gate.dot': ['goal_gate_has_retry'],
  'tracker-examples/semport.dot': ['attribute_type']
};

/** Folders that must contribute files, so a moved corpus cannot silently pass with nothing checked. */
const FOLDERS = [
  'tracker-examples',
  'attractor-pi-dev/examples',
  'attractor-pi-dev/golden/workflows',
  'brynary-factory',
  'kevspahn',
  'attractorbench',
  'fkyeah'
];

function check(rel: string) {
  const { source } = readCorpusFile(rel);
  const { diagnostics } = preparePipeline(source, { file: rel });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return { diagnostics, errors };
}

describeWithCorpus('conformance corpus', () => {
  const files = corpusDotFiles();
  const valid = files.filter((f) => !(f in INVALID));

  it('finds the corpus', () => {
    for (const folder of FOLDERS)
      expect(files.filter((f) => f.startsWith(`${folder}/`)).length).toBeGreaterThan(0);
    for (const rel of [...Object.keys(INVALID), ...Object.keys(WARNS)])
      expect(files).toContain(rel);
  });

  it.each(valid)('%s validates with zero errors', (rel) => {
    const { errors } = check(rel);
    expect(errors.map((d) => `${d.line ?? 0}:${d.column ?? 0} ${d.rule}: ${d.message}`)).toEqual(
      []
    );
  });

  it.each(Object.entries(INVALID))('%s fails with the expected rules', (rel, expected) => {
    const { diagnostics, errors } = check(rel);
    expect([...new Set(errors.map((d) => d.rule))].sort()).toEqual([...expected.errors].sort());
    const text = errors.map((d) => d.message).join('\n');
    for (const word of expected.mentions ?? []) expect(text).toContain(word);
    for (const rule of expected.warnings ?? [])
      expect(diagnostics.map((d) => d.rule)).toContain(rule);
    for (const d of errors) expect(d.line).toBeGreaterThan(0);
  });

  it.each(Object.entries(WARNS))('%s warns with %p', (rel, rules) => {
    const { diagnostics } = check(rel);
    for (const rule of rules)
      expect(diagnostics.filter((d) => d.severity === 'warning').map((d) => d.rule)).toContain(
        rule
      );
  });
});
