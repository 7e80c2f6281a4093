/**
 * condition_extension (info): a condition uses an operator that tracker supports but the Attractor spec
 * (§10) does not (`||`, `!`/`not`, `==`, `<`, `contains`, `in`, `matches`, `ctx.` …). Such a pipeline
 * runs on tracker; the note tells strict-spec users where it would not run on other engines.
 */
import type { AttributeScope } from '../../graph/attribute-schema.js';
import type { Attributes, AttrValue, SourceLocation } from '../../graph/graph.js';
import { diagnosticAt } from '../diagnostic.js';
import type { Diagnostic } from '../diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';
import { locateInValue } from '../locate-in-value.js';
import { OncePerSource, attributeLocation, ownerPhrase } from '../once-per-source.js';
import { conditionAttributes } from './condition-syntax.js';

export const conditionExtensionRule: LintRule = {
  name: 'condition_extension',
  apply(graph) {
    const facts = graphFacts(graph);
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    const check = (
      scope: AttributeScope,
      attrs: Attributes,
      where: (value: AttrValue) => string,
      fallback: SourceLocation,
      extra: Pick<Diagnostic, 'nodeId' | 'edge'>
    ): void => {
      for (const [key, value] of conditionAttributes(scope, attrs)) {
        const result = facts.condition(value.value);
        if (!result.ok || result.extensions.length === 0 || !once.first(`${scope}:${key}`, value))
          continue;
        const first = result.extensions[0] ?? '';
        const at = Math.max(0, value.value.indexOf(first));
        diagnostics.push(
          diagnosticAt(locateInValue(value, key, at) ?? attributeLocation(value, fallback), {
            rule: 'condition_extension',
            severity: 'info',
            message:
              `${value.writtenKey ?? key} ${JSON.stringify(value.value)} on ${where(value)} uses tracker extensions ` +
              `beyond the Attractor spec: ${result.extensions.map((e) => `'${e}'`).join(', ')}`,
            ...extra,
            fix: 'Nothing to do if the pipeline only runs on tracker. For other engines, use only =, != and && with outcome, preferred_label and context.<key>.'
          })
        );
      }
    };
    for (const edge of graph.edges) {
      check(
        'edge',
        edge.attrs,
        (v) => ownerPhrase('edge', `'${edge.from}' -> '${edge.to}'`, v),
        edge.loc,
        {
          edge: { from: edge.from, to: edge.to }
        }
      );
    }
    for (const node of graph.nodes.values()) {
      check('node', node.attrs, (v) => ownerPhrase('node', `'${node.id}'`, v), node.loc, {
        nodeId: node.id
      });
    }
    return diagnostics;
  }
};
