/**
 * One label normaliser (`normaliseChoiceLabel`, src/common/accelerator-key.ts) serves edge selection (a
 * stage's preferred label against edge labels) and human gates (a default or typed name against the
 * choices): the two agree on every label, whitespace included.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normaliseChoiceLabel } from '../../src/common/accelerator-key.js';
import { RunContext } from '../../src/engine/context.js';
import { selectEdge } from '../../src/engine/select-edge.js';
import { outgoingEdges } from '../../src/graph/graph.js';
import type { Graph } from '../../src/graph/graph.js';
import { findChoiceByName, gateChoices } from '../../src/handlers/wait-human-choices.js';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';

/** Gate `n` with two choices: `labelled` (the label under test) and `other` (the fallback by weight). */
function graphWith(label: string): Graph {
  const prepared = preparePipeline(`digraph g {
    start [shape=Mdiamond]; done [shape=Msquare]
    n [shape=hexagon]; labelled [prompt="x"]; other [prompt="x"]
    start -> n
    n -> labelled [label=${JSON.stringify(label)}]
    n -> other [label="Something else entirely", weight=10]
    labelled -> done; other -> done
  }`);
  if (!prepared.graph) throw new Error(JSON.stringify(prepared.diagnostics));
  return prepared.graph;
}

/** Where each caller goes for `text`: edge selection with it as the preferred label, a gate naming it. */
function routes(label: string, text: string): { edge: string; gate: string | undefined } {
  const graph = graphWith(label);
  const choice = selectEdge(
    graph,
    'n',
    { status: 'success', preferredLabel: text },
    new RunContext()
  );
  const gate = findChoiceByName(gateChoices(outgoingEdges(graph, 'n')), text);
  return { edge: choice?.edge.to ?? '', gate: gate?.to };
}

describe('normaliseChoiceLabel', () => {
  it.each([
    ['[Y] Yes', 'yes'],
    ['Y) Yes', 'yes'],
    ['Y - Yes', 'yes'],
    ['  MIXED Case  ', 'mixed case'],
    ['[OK] Fine', 'fine'],
    ['[A]  Ship   it', 'ship it'],
    ['Ship\n\tit', 'ship it'],
    ['[Ship] it', '[ship] it'], // four characters: not an accelerator key
    ['Yes - deploy now', 'yes - deploy now'],
    ['[A]', '[a]'], // a bare key is not stripped to an empty label
    ['', '']
  ])('%j → %j', (label, normalised) => {
    expect(normaliseChoiceLabel(label)).toBe(normalised);
  });
});

describe('edge selection and human gates agree on labels', () => {
  it.each([
    ['[A]  Ship   it', 'ship it', true],
    ['Ship\nit', '[S] Ship it', true],
    ['[Y] Yes', ' YES ', true],
    ['Y) Yes', 'y - yes', true],
    ['Y - Yes', 'Yes', true],
    ['[OK] Fine', 'fine', true],
    ['[Ship] it', 'it', false],
    ['[Ship] it', '[ship] IT', true],
    ['[A]', '[a]', true],
    ['[A]', '[B]', false],
    ['Approve', 'Approve it', false]
  ])('edge label %j, name %j: matches = %p', (label, text, matches) => {
    const expected = matches ? 'labelled' : undefined;
    expect(routes(label, text)).toEqual({ edge: expected ?? 'other', gate: expected });
  });

  it('for any label, prefix, case and spacing', () => {
    const words = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), { minLength: 1, maxLength: 3 });
    const spaced = (ws: readonly string[], gaps: readonly string[], prefix: string): string =>
      prefix + ws.map((w, i) => w + (gaps[i] ?? ' ')).join('');
    const gaps = fc.array(fc.constantFrom(' ', '  ', '\t', ' \n '), { minLength: 3, maxLength: 3 });
    const prefix = fc.constantFrom('', '[A] ', '[OK]', 'b) ', 'C - ', '  ');
    // The name is the label's words respaced and recased (a match) or other words (usually not).
    const pair = fc
      .tuple(words, words, gaps, gaps, prefix, prefix, fc.boolean(), fc.boolean())
      .map(([ws, others, g1, g2, p1, p2, same, upper]) => {
        const named = same ? ws : others;
        return [
          spaced(ws, g1, p1),
          spaced(upper ? named.map((w) => w.toUpperCase()) : named, g2, p2)
        ] as const;
      });
    fc.assert(
      fc.property(pair, ([edgeLabel, text]) => {
        const { edge, gate } = routes(edgeLabel, text);
        expect(edge === 'labelled').toBe(gate === 'labelled');
        expect(edge === 'labelled').toBe(
          normaliseChoiceLabel(edgeLabel) === normaliseChoiceLabel(text)
        );
      })
    );
  });
});
