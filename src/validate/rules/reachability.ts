/**
 * reachability (spec §7.2): every node must be reachable from the start node. A node that is not will
 * never run. Skipped when there is no start node (start_node reports that).
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { quoteIds } from '../describe-nodes.js';
import type { LintRule } from '../lint-rule.js';
import { graphFacts } from '../graph-facts.js';

export const reachabilityRule: LintRule = {
  name: 'reachability',
  apply(graph) {
    const facts = graphFacts(graph);
    const starts = facts.starts;
    if (starts.length === 0) return [];
    const startIds = starts.map((n) => n.id);
    const reached = facts.reachableFromStart;
    const from = starts.length === 1 ? `the start node ${quoteIds(startIds)}` : `any start node`;
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (reached.has(node.id)) continue;
      const incoming = graph.incoming.get(node.id)?.length ?? 0;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'reachability',
          severity: 'error',
          message:
            `node '${node.id}' is not reachable from ${from}, so it never runs` +
            (incoming === 0 ? ' (no edge leads to it)' : ' (only unreachable nodes lead to it)'),
          nodeId: node.id,
          fix: `Add an edge into '${node.id}' from a stage that runs, or delete the node.`
        })
      );
    }
    return diagnostics;
  }
};
