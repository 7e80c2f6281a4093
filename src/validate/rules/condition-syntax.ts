/**
 * condition_syntax (spec §7.2, §10): every edge `condition` (and the node attributes that hold a
 * condition, such as a manager loop's `manager.stop_condition`) must parse. An edge whose condition does
 * not parse can never be chosen. Conditions that parse but look wrong (a key one typo away from `outcome`,
 * an outcome value that never occurs) are warnings.
 */
import type { AttributeScope } from '../../graph/attribute-schema.js';
import { lookupAttribute } from '../../graph/attribute-schema.js';
import type { Attributes, AttrValue, SourceLocation } from '../../graph/graph.js';
import { diagnosticAt } from '../diagnostic.js';
import type { Diagnostic } from '../diagnostic.js';
import { graphFacts } from '../graph-facts.js';
import type { LintRule } from '../lint-rule.js';
import { locateInValue } from '../locate-in-value.js';
import { OncePerSource, attributeLocation, ownerPhrase } from '../once-per-source.js';

const GRAMMAR_HINT =
  'A condition is one or more clauses `key=value` or `key!=value` joined by &&, where key is outcome, preferred_label or context.<name>; e.g. outcome=success && context.tests_passed=true.';

/** The condition-typed attributes of one element, e.g. `condition` on an edge. */
export function conditionAttributes(
  scope: AttributeScope,
  attrs: Attributes
): [string, AttrValue][] {
  const found: [string, AttrValue][] = [];
  for (const [key, value] of attrs) {
    if (value.value.trim() === '') continue;
    if (lookupAttribute(scope, key)?.type === 'condition') found.push([key, value]);
  }
  return found;
}

export const conditionSyntaxRule: LintRule = {
  name: 'condition_syntax',
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
        const problems = result.ok ? result.warnings : result.errors;
        if (problems.length === 0 || !once.first(`${scope}:${key}`, value)) continue;
        const severity = result.ok ? 'warning' : 'error';
        const written = value.writtenKey ?? key;
        for (const problem of problems) {
          diagnostics.push(
            diagnosticAt(
              locateInValue(value, key, problem.offset) ?? attributeLocation(value, fallback),
              {
                rule: 'condition_syntax',
                severity,
                message: `${result.ok ? 'suspicious' : 'invalid'} ${written} ${JSON.stringify(value.value)} on ${where(value)}: ${problem.message}`,
                ...extra,
                fix: problem.hint ?? GRAMMAR_HINT
              }
            )
          );
        }
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
