import { describe, expect, it } from '@jest/globals';
import { fidelityValidRule } from '../../src/validate/rules/fidelity-valid.js';
import { goalGateHasRetryRule } from '../../src/validate/rules/goal-gate-has-retry.js';
import { promptOnLlmNodesRule } from '../../src/validate/rules/prompt-on-llm-nodes.js';
import { retryTargetExistsRule } from '../../src/validate/rules/retry-target-exists.js';
import { typeKnownRule } from '../../src/validate/rules/type-known.js';
import { applyRule, pipeline, singleDiagnostic } from './support.js';

const WIRED = '  start -> work -> done';

describe('type_known', () => {
  it('passes for built-in types and for custom types the registry knows', () => {
    expect(
      applyRule(typeKnownRule, pipeline('  t [type="tool", tool_command="make"]', WIRED))
    ).toEqual([]);
    expect(
      applyRule(typeKnownRule, pipeline('  t [type="deploy"]', WIRED), new Set(['deploy']))
    ).toEqual([]);
  });

  it('warns at the type attribute with a suggestion', () => {
    const d = singleDiagnostic(
      applyRule(typeKnownRule, pipeline('  build [type="tol", tool_command="make"]', WIRED))
    );
    expect(d).toMatchObject({
      rule: 'type_known',
      severity: 'warning',
      nodeId: 'build',
      line: 5,
      column: 10
    });
    expect(d.message).toContain(
      "type 'tol' on node 'build' is not a known handler type, so the node fails when it runs; did you mean 'tool'?"
    );
    expect(d.fix).toBe('Write type="tool".');
  });

  it('lists the known types when nothing is close', () => {
    const [d] = applyRule(typeKnownRule, pipeline('  x [type="kubernetes"]', WIRED));
    expect(d?.fix).toContain('codergen');
    expect(d?.fix).toContain('wait.human');
  });

  it('reports a type set in a node default block once, at the block', () => {
    const ds = applyRule(typeKnownRule, pipeline('  node [type="tol"]', '  a', '  b', WIRED));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ line: 5, column: 9 });
    expect(ds[0]?.message).toContain('the node defaults');
  });
});

describe('fidelity_valid', () => {
  it('passes for every mode, and for an empty default_fidelity', () => {
    const source = pipeline(
      '  graph [default_fidelity=""]',
      '  a [fidelity=full]',
      '  b [fidelity="summary:high"]',
      '  start -> a [fidelity=truncate]',
      '  a -> b [fidelity=compact]',
      '  b -> done [fidelity="summary:low"]'
    );
    expect(applyRule(fidelityValidRule, source)).toEqual([]);
  });

  it.each([
    ['a node', '  work [fidelity="summary-high"]', { nodeId: 'work', line: 5, column: 9 }],
    [
      'an edge',
      '  start -> work [fidelity="ful"]',
      { edge: { from: 'start', to: 'work' }, line: 5, column: 18 }
    ],
    ['the graph default', '  graph [default_fidelity="compressed"]', { line: 5, column: 10 }]
  ])('warns for %s, at the attribute', (_where, stmt, expected) => {
    const ds = applyRule(fidelityValidRule, pipeline(stmt, WIRED));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'fidelity_valid', severity: 'warning', ...expected });
    expect(ds[0]?.message).toContain('is not a fidelity mode');
    expect(ds[0]?.fix).toContain('summary:medium');
  });

  it('suggests the mode that was meant', () => {
    const [d] = applyRule(fidelityValidRule, pipeline('  work [fidelity="summary-high"]', WIRED));
    expect(d?.message).toContain("did you mean 'summary:high'?");
  });
});

describe('retry_target_exists', () => {
  it('passes for existing targets on nodes and the graph', () => {
    const source = pipeline(
      '  graph [retry_target=work, fallback_retry_target=start]',
      '  work [retry_target=work]',
      WIRED
    );
    expect(applyRule(retryTargetExistsRule, source)).toEqual([]);
  });

  it('warns for a node target that names no node, with a suggestion', () => {
    const d = singleDiagnostic(
      applyRule(retryTargetExistsRule, pipeline('  work [retry_target="wrk"]', WIRED))
    );
    expect(d).toMatchObject({
      rule: 'retry_target_exists',
      severity: 'warning',
      nodeId: 'work',
      line: 5,
      column: 9
    });
    expect(d.message).toContain(
      "retry_target 'wrk' on node 'work' names no node; did you mean 'work'?"
    );
    expect(d.fix).toBe('Write retry_target="work".');
  });

  it('warns for graph-level fallback_retry_target', () => {
    const [d] = applyRule(
      retryTargetExistsRule,
      pipeline('  graph [fallback_retry_target="nowhere"]', WIRED)
    );
    expect(d).toMatchObject({ line: 5, column: 10 });
    expect(d?.message).toContain("fallback_retry_target 'nowhere' on the graph names no node");
    expect(d?.nodeId).toBeUndefined();
  });
});

describe('goal_gate_has_retry', () => {
  it.each([
    ['a node retry_target', '  work [goal_gate=true, retry_target=work]'],
    ['a node fallback_retry_target', '  work [goal_gate=true, fallback_retry_target=start]'],
    ['a graph retry_target', '  graph [retry_target=work]\n  work [goal_gate=true]'],
    ['goal_gate=false', '  work [goal_gate=false]']
  ])('passes with %s', (_name, stmt) => {
    expect(applyRule(goalGateHasRetryRule, pipeline(stmt, WIRED))).toEqual([]);
  });

  it('warns at the goal_gate attribute when there is no retry target anywhere', () => {
    const d = singleDiagnostic(
      applyRule(goalGateHasRetryRule, pipeline('  work [goal_gate=true]', WIRED))
    );
    expect(d).toMatchObject({
      rule: 'goal_gate_has_retry',
      severity: 'warning',
      nodeId: 'work',
      line: 5,
      column: 9
    });
    expect(d.message).toContain("goal gate 'work' has no retry_target");
    expect(d.fix).toContain('retry_target=');
  });
});

describe('prompt_on_llm_nodes', () => {
  it.each([
    ['a prompt', '  step [prompt="Do it"]'],
    ['a descriptive label', '  step [label="Summarise the findings"]'],
    ['a non-LLM shape', '  step [shape=parallelogram, tool_command="make"]'],
    ['an explicit non-LLM type', '  step [type="tool", tool_command="make"]']
  ])('passes for a node with %s', (_name, stmt) => {
    expect(
      applyRule(promptOnLlmNodesRule, pipeline(stmt, '  start -> step -> work -> done'))
    ).toEqual([]);
  });

  it.each([
    [
      'no prompt or label',
      '  step [shape=box]',
      "has no prompt, so the model is asked only 'step'"
    ],
    [
      'a label that is just the id',
      '  step [label="step"]',
      'has no prompt (its label is just its id)'
    ],
    ['an empty prompt', '  step [prompt=""]', 'has no prompt,']
  ])('warns for a node with %s, at its declaration', (_name, stmt, words) => {
    const d = singleDiagnostic(
      applyRule(promptOnLlmNodesRule, pipeline(stmt, '  start -> step -> work -> done'))
    );
    expect(d).toMatchObject({
      rule: 'prompt_on_llm_nodes',
      severity: 'warning',
      nodeId: 'step',
      line: 5,
      column: 3
    });
    expect(d.message).toContain(`LLM stage 'step' ${words}`);
  });

  it('leaves undeclared nodes to implicit_node', () => {
    expect(applyRule(promptOnLlmNodesRule, pipeline('  start -> ghost -> work -> done'))).toEqual(
      []
    );
  });
});
