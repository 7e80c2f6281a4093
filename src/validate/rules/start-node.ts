/**
 * start_node (spec §7.2): a pipeline has exactly one start node (shape=Mdiamond, type=start, or, when
 * none is marked, a node with id `start`/`Start`).
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { describeNodes } from '../describe-nodes.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';

export const startNodeRule: LintRule = {
  name: 'start_node',
  apply(graph) {
    const starts = graphFacts(graph).starts;
    if (starts.length === 1) return [];
    if (starts.length === 0) {
      return [
        diagnosticAt(graph.loc, {
          rule: 'start_node',
          severity: 'error',
          message: 'no start node: add a node with shape=Mdiamond where the pipeline begins',
          fix: 'Declare `start [shape=Mdiamond]` and add an edge from it to the first stage.'
        })
      ];
    }
    const [first, extra] = starts;
    const d: Diagnostic = diagnosticAt(extra?.loc, {
      rule: 'start_node',
      severity: 'error',
      message: `found ${starts.length} start nodes: ${describeNodes(starts)}; a pipeline has exactly one (shape=Mdiamond)`,
      ...(extra === undefined ? {} : { nodeId: extra.id }),
      fix: `Keep one start node${first === undefined ? '' : ` (e.g. '${first.id}')`} and turn the others into ordinary stages (change their shape) or delete them.`,
      related: starts.map((n) => ({ message: `start node '${n.id}'`, loc: n.loc }))
    });
    return [d];
  }
};
