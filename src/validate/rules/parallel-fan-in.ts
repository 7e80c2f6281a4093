/**
 * parallel_fan_in: the branches of a `parallel` node run until they reach their join node, where execution
 * continues (spec §4.8-4.9; the join is found as the engine finds it, `graph/find-join-node.ts`). A fan-in
 * node (shape=tripleoctagon) as the join is the normal case. A plain node as the join works (it runs once,
 * after the branches) but nothing summarizes the branches: an info note. Branches that never meet run on
 * to the exit: a warning.
 */
import { findJoinNode } from '../../graph/find-join-node.js';
import { HandlerTypes } from '../../graph/shapes.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { LintRule } from '../lint-rule.js';
import { graphFacts } from '../graph-facts.js';

export const parallelFanInRule: LintRule = {
  name: 'parallel_fan_in',
  apply(graph) {
    const facts = graphFacts(graph);
    const parallels = [...graph.nodes.values()].filter(
      (n) => facts.handlerType(n) === HandlerTypes.Parallel
    );
    if (parallels.length === 0) return [];
    const fanIns = [...graph.nodes.values()]
      .filter((n) => facts.handlerType(n) === HandlerTypes.FanIn)
      .map((n) => n.id);
    const exit = facts.exits[0]?.id;
    const diagnostics: Diagnostic[] = [];
    for (const node of parallels) {
      const explicit = node.attrs.get('parallel_join')?.value.trim() ?? '';
      if (explicit !== '' && graph.nodes.has(explicit)) continue;
      const branches = [...new Set((graph.outgoing.get(node.id) ?? []).map((e) => e.to))];
      if (branches.length === 0) continue;
      const join = findJoinNode(graph, node.id, branches);
      const joinNode = join === undefined ? undefined : graph.nodes.get(join);
      if (joinNode && facts.handlerType(joinNode) === HandlerTypes.FanIn) continue;
      if (join !== undefined) {
        diagnostics.push(
          diagnosticAt(node.loc, {
            rule: 'parallel_fan_in',
            severity: 'info',
            message:
              `parallel node '${node.id}': its branches join at '${join}', the first node they all reach; ` +
              `'${join}' runs once, after them, but no fan-in node summarizes the branch results`,
            nodeId: node.id,
            fix: `To pick the best branch and record a summary, put a fan-in node (shape=tripleoctagon) before '${join}'; to keep this join and silence the note, set parallel_join="${join}".`
          })
        );
        continue;
      }
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'parallel_fan_in',
          severity: 'warning',
          message:
            `parallel node '${node.id}': its branches never meet, so there is no join: each branch runs on ` +
            'to the exit' +
            (exit === undefined ? '' : ` and the run then continues at '${exit}'`),
          nodeId: node.id,
          fix:
            fanIns.length === 0
              ? `Add a fan-in node, e.g. join [shape=tripleoctagon], route every branch of '${node.id}' into it and continue from there.`
              : `Route every branch of '${node.id}' into a fan-in node such as '${fanIns[0] ?? ''}', or name the join with parallel_join.`
        })
      );
    }
    return diagnostics;
  }
};
