/**
 * implicit_node: a node that only appears in edge statements and is never declared. DOT allows it, but
 * in a pipeline it is usually a typo of a declared node, and it runs as whatever the defaults make it
 * (an LLM stage, for `box`) with no prompt of its own.
 */
import { nodeHandlerType } from '../../graph/values.js';
import { HandlerTypes } from '../../graph/shapes.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { Suggester, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';

export const implicitNodeRule: LintRule = {
  name: 'implicit_node',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    let suggester: Suggester | undefined;
    for (const node of graph.nodes.values()) {
      if (!node.implicit) continue;
      suggester ??= new Suggester(
        [...graph.nodes.values()].filter((n) => !n.implicit).map((n) => n.id)
      );
      const suggestion = suggester.suggest(node.id);
      const type = nodeHandlerType(node);
      const runsAs =
        type === HandlerTypes.Codergen && !node.attrs.get('prompt')?.value
          ? 'an LLM stage whose prompt is just its id'
          : `a '${type}' stage`;
      diagnostics.push(
        diagnosticAt(node.loc, {
          rule: 'implicit_node',
          severity: 'warning',
          message: `node '${node.id}' is used in an edge but never declared, so it runs as ${runsAs}${didYouMean(suggestion)}`,
          nodeId: node.id,
          fix:
            suggestion === undefined
              ? `Declare it, e.g. \`${node.id} [shape=box, prompt="..."]\`, or fix the edge.`
              : `Change the edge to use '${suggestion}', or declare '${node.id}'.`
        })
      );
    }
    return diagnostics;
  }
};
