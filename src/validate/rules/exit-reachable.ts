/**
 * exit_reachable: every node the run can reach must have a path onward to the exit. A node without one
 * is a dead end (no outgoing edges) or sits in a part of the graph that only loops back on itself; a run
 * that gets there never finishes. Nodes that are not reachable at all are left to `reachability`.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { quoteIds } from '../describe-nodes.js';
import type { LintRule } from '../lint-rule.js';
import { graphFacts } from '../graph-facts.js';

export const exitReachableRule: LintRule = {
  name: 'exit_reachable',
  apply(graph) {
    const facts = graphFacts(graph);
    const exits = facts.exits;
    if (facts.starts.length === 0 || exits.length === 0) return [];
    const exitIds = exits.map((n) => n.id);
    const reached = facts.reachableFromStart;
    const leadsToExit = facts.leadsToExit;
    const exitName = exits.length === 1 ? `the exit ${quoteIds(exitIds)}` : 'the exit';
    const target = exitIds[0] ?? 'exit';
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (!reached.has(node.id) || leadsToExit.has(node.id)) continue;
      const outgoing = graph.outgoing.get(node.id) ?? [];
      const why =
        outgoing.length === 0
          ? 'it has no outgoing edges, so a run that gets there stops without finishing'
          : `its edges (to ${quoteIds([...new Set(outgoing.map((e) => e.to))])}) only lead to nodes that never reach ${exitName} either`;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'exit_reachable',
          severity: 'error',
          message: `node '${node.id}' has no path to the exit: ${why}`,
          nodeId: node.id,
          fix:
            outgoing.length === 0
              ? `Add an edge from '${node.id}' to '${target}' or to a stage that leads there.`
              : `Add an edge (for example with condition="outcome=success") from '${node.id}' or one of the nodes it loops through towards '${target}'.`
        })
      );
    }
    return diagnostics;
  }
};
