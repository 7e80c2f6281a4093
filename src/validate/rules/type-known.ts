/**
 * type_known (spec §7.2): an explicit `type` must name a handler the registry knows; a node whose
 * handler is missing fails when the run reaches it.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { Suggester, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { OncePerSource, attributeLocation, ownerPhrase } from '../once-per-source.js';

export const typeKnownRule: LintRule = {
  name: 'type_known',
  apply(graph, ctx) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    let suggester: Suggester | undefined;
    for (const node of graph.nodes.values()) {
      const value = node.attrs.get('type');
      const type = value?.value.trim() ?? '';
      if (
        value === undefined ||
        type === '' ||
        ctx.knownHandlerTypes.has(type) ||
        !once.first('type', value)
      )
        continue;
      suggester ??= new Suggester(ctx.knownHandlerTypes, 3);
      const suggestion = suggester.suggest(type);
      diagnostics.push(
        diagnosticAt(attributeLocation(value, node.loc), {
          rule: 'type_known',
          severity: 'warning',
          message: `type '${type}' on ${ownerPhrase('node', `'${node.id}'`, value)} is not a known handler type, so the node fails when it runs${didYouMean(suggestion)}`,
          nodeId: node.id,
          fix:
            suggestion === undefined
              ? `Use one of ${[...ctx.knownHandlerTypes].sort().join(', ')}, register a handler for '${type}', or drop the type and pick a shape.`
              : `Write type="${suggestion}".`
        })
      );
    }
    return diagnostics;
  }
};
