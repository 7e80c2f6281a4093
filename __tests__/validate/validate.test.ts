import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import type { Diagnostic } from '../../src/common/diagnostic.js';
import type { LintRule } from '../../src/validate/lint-rule.js';
import type { PipelineValidationError } from '../../src/validate/pipeline-validation-error.js';
import { BUILTIN_RULES, assertValid, validateGraph } from '../../src/validate/validate.js';
import { graphOf, lines, pipeline } from './support.js';

const VALID = pipeline('  start -> work -> done');

describe('validateGraph', () => {
  it('returns nothing for a clean pipeline', () => {
    expect(validateGraph(graphOf(VALID))).toEqual([]);
  });

  it('has unique rule names', () => {
    const names = BUILTIN_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['start_node', 'terminal_node', 'reachability', 'unconditional_cycle'])
    );
  });

  it('sorts diagnostics by place, then severity', () => {
    const source = lines(
      'digraph p {',
      '  start [shape=Mdiamond]',
      '  orphan [promt="x"]',
      '  done [shape=Msquare]',
      '  start -> done',
      '}'
    );
    const ds = validateGraph(graphOf(source));
    expect(ds.map((d) => [d.line, d.severity, d.rule])).toEqual([
      [3, 'error', 'reachability'],
      [3, 'warning', 'prompt_on_llm_nodes'],
      [3, 'warning', 'unknown_attribute']
    ]);
  });

  it('runs extra rules after the built-in ones', () => {
    const seen: string[] = [];
    const noDeploy: LintRule = {
      name: 'no_deploy',
      apply(graph, ctx) {
        seen.push(...ctx.knownHandlerTypes);
        return graph.nodes.has('deploy')
          ? [{ rule: 'no_deploy', severity: 'error', message: 'no deploys on Friday' }]
          : [];
      }
    };
    const ds = validateGraph(
      graphOf(pipeline('  deploy [prompt="ship"]', '  start -> work -> deploy -> done')),
      {
        extraRules: [noDeploy]
      }
    );
    expect(ds.map((d) => d.rule)).toEqual(['no_deploy']);
    expect(seen).toContain('codergen');
  });

  it('uses the given handler types for type_known', () => {
    const source = pipeline('  work [type="deploy", prompt="x"]', '  start -> work -> done');
    expect(validateGraph(graphOf(source)).map((d) => d.rule)).toEqual(['type_known']);
    expect(
      validateGraph(graphOf(source), { knownHandlerTypes: ['deploy', 'start', 'exit'] })
    ).toEqual([]);
  });
});

describe('assertValid', () => {
  it('returns the warnings when there is no error', () => {
    const ds = assertValid(graphOf(pipeline('  work [goal_gate=true]', '  start -> work -> done')));
    expect(ds.map((d) => d.rule)).toEqual(['goal_gate_has_retry']);
  });

  it('throws PipelineValidationError (PIPELINE_INVALID) carrying every diagnostic', () => {
    const source = lines('digraph p {', '  work [prompt="x"]', '  work -> work', '}');
    let caught: unknown;
    try {
      assertValid(graphOf(source));
    } catch (error) {
      caught = error;
    }
    expect(isTrackerError(caught) && caught.code === 'PIPELINE_INVALID').toBe(true);
    const error = caught as PipelineValidationError;
    expect(error.name).toBe('PipelineValidationError');
    expect(error.diagnostics.map((d: Diagnostic) => d.rule)).toEqual(
      expect.arrayContaining(['start_node', 'terminal_node', 'unconditional_cycle'])
    );
    expect(error.message).toContain('The pipeline is invalid (3 errors)');
    expect(error.message).toContain('p.dot:1:1: error[start_node]: no start node');
  });
});

describe('on a 10k-node, 20k-edge pipeline', () => {
  it('validates without throwing and finds the planted problems', () => {
    const n = 10_000;
    const body: string[] = ['digraph big {', '  start [shape=Mdiamond]', '  done [shape=Msquare]'];
    for (let i = 0; i < n; i++) body.push(`  n${i} [prompt="step ${i}", max_retries=1]`);
    body.push('  start -> n0');
    for (let i = 0; i < n - 1; i++) {
      body.push(`  n${i} -> n${i + 1}`);
      body.push(`  n${i + 1} -> n${i} [condition="outcome=fail"]`);
    }
    body.push(`  n${n - 1} -> done`);
    body.push('  loopA [prompt="a"]', '  loopB [prompt="b"]');
    body.push(
      '  n100 -> loopA [condition="outcome=partial_success"]',
      '  loopA -> loopB',
      '  loopB -> loopA'
    );
    body.push('}');
    const ds = validateGraph(graphOf(body.join('\n'), 'big.dot'));
    expect(ds.map((d) => [d.rule, d.nodeId])).toEqual([
      ['exit_reachable', 'loopA'],
      ['exit_reachable', 'loopB'],
      ['unconditional_cycle', 'loopA']
    ]);
    expect(ds[2]?.message).toContain('loopA -> loopB -> loopA');
  });
});
