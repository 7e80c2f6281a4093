/**
 * Handler types that follow from a node's ID (terminals found by the spec §2.8 fallback) or from Tracker's
 * diamond overrides (tracker-parity.md §2.1), checked through validation, the graph and the run loop.
 */
import { describe, expect, it } from '@jest/globals';
import { nodeHandlerType } from '../../src/graph/values.js';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import { runDot } from '../support/engine-harness.js';

function prepared(source: string) {
  const result = preparePipeline(source, { file: 'p.dot' });
  if (!result.graph) throw new Error(JSON.stringify(result.diagnostics));
  return { graph: result.graph, diagnostics: result.diagnostics };
}

function typeOf(source: string, id: string): string {
  const node = prepared(source).graph.nodes.get(id);
  if (!node) throw new Error(`no node ${id}`);
  return nodeHandlerType(node);
}

describe('terminals found by their ID', () => {
  it.each([
    ['digraph G { start; exit; start -> exit }', 'start', 'exit'],
    ['digraph G { Start; End; Start -> End }', 'Start', 'End'],
    ['digraph G { start; end; start -> end }', 'start', 'end'],
    ['digraph G { node [shape=box]; start; exit; start -> exit }', 'start', 'exit']
  ])('%s validates with no diagnostics and gets start/exit handlers', (source, start, exit) => {
    const { diagnostics } = prepared(source);
    expect(diagnostics).toEqual([]);
    expect(typeOf(source, start)).toBe('start');
    expect(typeOf(source, exit)).toBe('exit');
  });

  it.each([
    [
      'its own shape',
      'digraph G { start [shape=box, prompt="p"]; exit; start -> exit }',
      'codergen'
    ],
    ['a type', 'digraph G { start [type=tool, tool_command=ls]; exit; start -> exit }', 'tool']
  ])('keeps the handler that %s chooses', (_what, source, type) => {
    expect(typeOf(source, 'start')).toBe(type);
  });

  it('leaves a node named start alone when another node is the start', () => {
    const source =
      'digraph G { begin [shape=Mdiamond]; start [prompt="p"]; exit; begin -> start -> exit }';
    expect(typeOf(source, 'start')).toBe('codergen');
    expect(typeOf(source, 'exit')).toBe('exit');
  });

  it('runs the start and exit handlers, not the LLM stage', async () => {
    const run = await runDot('digraph G { start; exit; start -> exit }');
    expect(run.result.status).toBe('success');
    expect(run.scripted.calls).toEqual([]);
    const started = run.events.flatMap((e) =>
      e.type === 'stage.started' ? [[e.nodeId, e.handlerType]] : []
    );
    expect(started).toEqual([
      ['start', 'start'],
      ['exit', 'exit']
    ]);
  });
});

describe("Tracker's diamond overrides", () => {
  const wrap = (node: string) =>
    `digraph G { s [shape=Mdiamond]; e [shape=Msquare]; ${node}; s -> t -> e }`;

  it('a diamond with tool_command is a tool node, with a note', () => {
    const source = wrap('t [shape=diamond, tool_command="ls"]');
    expect(typeOf(source, 't')).toBe('tool');
    const notes = prepared(source).diagnostics;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ rule: 'dot_dialect', severity: 'info', nodeId: 't' });
    expect(notes[0]?.message).toContain('runs as a tool node');
    expect(notes[0]?.fix).toContain('shape=parallelogram');
  });

  it('a diamond with prompt is an LLM stage with auto_status=true', () => {
    const { graph } = prepared(wrap('t [shape=diamond, prompt="Judge it"]'));
    const node = graph.nodes.get('t');
    expect(node && nodeHandlerType(node)).toBe('codergen');
    expect(node?.attrs.get('auto_status')?.value).toBe('true');
  });

  it('keeps an explicit auto_status', () => {
    const { graph } = prepared(wrap('t [shape=diamond, prompt="p", auto_status=false]'));
    expect(graph.nodes.get('t')?.attrs.get('auto_status')?.value).toBe('false');
  });

  it.each([
    ['a plain diamond', 't [shape=diamond]', 'conditional'],
    ['an explicit type', 't [shape=diamond, type=conditional, tool_command="ls"]', 'conditional']
  ])('%s stays as written', (_what, node, type) => {
    expect(typeOf(wrap(node), 't')).toBe(type);
  });

  it('runs the tool handler for a diamond with tool_command', async () => {
    const run = await runDot(wrap('t [shape=diamond, tool_command="ls"]'));
    expect(run.scripted.calls.map((c) => c.nodeId)).toEqual(['t']);
  });
});
