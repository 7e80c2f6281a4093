/**
 * terminal_node (spec §7.2): a pipeline has exactly one exit node (shape=Msquare, type=exit, or, when
 * none is marked, a node with id `exit`/`end`).
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import { describeNodes } from '../describe-nodes.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

export const terminalNodeRule: LintRule = {
  name: 'terminal_node',
  apply(graph) {
    const exits = graphFacts(graph).exits;
    if (exits.length === 1) return [];
    if (exits.length === 0) {
      return [
        diagnosticAt(graph.loc, {
          rule: 'terminal_node',
          severity: 'error',
          message: 'no exit node: add a node with shape=Msquare where the pipeline ends',
          fix: 'Declare `done [shape=Msquare]` and add an edge into it from the last stage.'
        })
      ];
    }
    const [first, extra] = exits;
    return [
      diagnosticAt(extra?.loc, {
        rule: 'terminal_node',
        severity: 'error',
        message: `found ${exits.length} exit nodes: ${describeNodes(exits)}; a pipeline has exactly one (shape=Msquare)`,
        ...(extra === undefined ? {} : { nodeId: extra.id }),
        fix: `Keep one exit node${first === undefined ? '' : ` (e.g. '${first.id}')`} and route the edges that end at the others to it.`,
        related: exits.map((n) => ({ message: `exit node '${n.id}'`, loc: n.loc }))
      })
    ];
  }
};
