/** The synopsis line names the pipeline kind and says what it means; the README explains every kind. */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_MEANINGS, renderPlan } from '../../src/cli/render-validate.js';
import { graphOf } from '../support/engine-harness.js';

describe('renderPlan: the pipeline kind', () => {
  it.each([
    [
      'tools and LLM stages',
      't [shape=parallelogram]; a [prompt="x"]; s -> t -> a -> e',
      'HYBRID pipeline (LLM and tool stages)'
    ],
    [
      'tools only',
      't [shape=parallelogram]; s -> t -> e',
      'EXECUTION pipeline (tool stages, no LLM stages)'
    ],
    [
      'a gate only',
      'g [shape=hexagon]; s -> g; g -> e [label="OK"]',
      'PLANNING pipeline (LLM or human stages, no tool stages)'
    ],
    ['nothing but start and exit', 's -> e', 'EMPTY pipeline (no LLM, tool or human stages)']
  ])('%s', (_what, body, kind) => {
    const graph = graphOf(`digraph p { s [shape=Mdiamond]; e [shape=Msquare]; ${body} }`);
    expect(renderPlan(graph)[0]).toMatch(new RegExp(` — ${kind.replace(/[()]/g, '\\$&')}$`));
  });

  it('each kind word is explained in the README', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8').replace(/\s+/g, ' ');
    for (const [kind, meaning] of Object.entries(KIND_MEANINGS))
      expect(readme).toContain(`**${kind}** (${meaning})`);
  });
});
