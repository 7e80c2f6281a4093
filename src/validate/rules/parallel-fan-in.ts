/**
 * parallel_fan_in: the branches of a `parallel` node run until they reach a `parallel.fan_in` node
 * (shape=tripleoctagon), where execution continues (spec §4.8-4.9). When a branch cannot reach one, there
 * is no join: every branch runs on to the exit, and the run then continues at the exit.
 * Linear: one backward search from all fan-in nodes answers "can this branch reach a fan-in?".
 */
import { HandlerTypes } from '../../graph/shapes.js';
import { diagnosticAt } from '../diagnostic.js';
import type { Diagnostic } from '../diagnostic.js';
import { quoteIds } from '../describe-nodes.js';
import type { LintRule } from '../lint-rule.js';
import { graphFacts } from '../graph-facts.js';

function strayPhrase(stray: readonly string[], all: boolean): string {
  if (all) return 'its branches never reach';
  return stray.length === 1
    ? `branch ${quoteIds(stray)} never reaches`
    : `branches ${quoteIds(stray)} never reach`;
}

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
    const reachesFanIn = facts.reachable(fanIns, 'backward', false);
    const exit = facts.exits[0]?.id;
    const diagnostics: Diagnostic[] = [];
    for (const node of parallels) {
      const join = node.attrs.get('parallel_join')?.value.trim() ?? '';
      if (join !== '' && graph.nodes.has(join)) continue;
      const branches = [...new Set((graph.outgoing.get(node.id) ?? []).map((e) => e.to))];
      if (branches.length === 0) continue;
      const stray = branches.filter((b) => !reachesFanIn.has(b));
      if (stray.length === 0) continue;
      const all = stray.length === branches.length;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'parallel_fan_in',
          severity: 'warning',
          message:
            `parallel node '${node.id}': ${strayPhrase(stray, all)} a fan-in node (shape=tripleoctagon), ` +
            'so there is no join: each branch runs on to the exit' +
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
