/**
 * fidelity_valid (spec §7.2, §5.4): `fidelity` on nodes and edges and the graph's `default_fidelity`
 * must be one of the context fidelity modes. An empty value means "unset".
 */
import type { AttrValue } from '../../graph/graph.js';
import type { SourceLocation } from '../../common/source-location.js';
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import { closestMatch, didYouMean } from '../../common/suggest.js';
import type { LintRule } from '../lint-rule.js';
import { FIDELITY_MODES } from '../../graph/attribute-schema.js';
import { OncePerSource, attributeLocation, ownerPhrase } from '../once-per-source.js';

const MODES: ReadonlySet<string> = new Set(FIDELITY_MODES);

export const fidelityValidRule: LintRule = {
  name: 'fidelity_valid',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    const check = (
      key: string,
      value: AttrValue,
      where: string,
      fallback: SourceLocation,
      extra: Pick<Diagnostic, 'nodeId' | 'edge'>
    ): void => {
      const mode = value.value.trim();
      if (mode === '' || MODES.has(mode)) return;
      const suggestion = closestMatch(mode.toLowerCase(), FIDELITY_MODES, 3);
      diagnostics.push(
        diagnosticAt(attributeLocation(value, fallback), {
          rule: 'fidelity_valid',
          severity: 'warning',
          message: `${key} '${mode}' on ${where} is not a fidelity mode${didYouMean(suggestion)}`,
          ...extra,
          fix: `Use one of ${FIDELITY_MODES.join(', ')}.`
        })
      );
    };
    const graphDefault = graph.attrs.get('default_fidelity');
    if (graphDefault !== undefined)
      check('default_fidelity', graphDefault, 'the graph', graph.loc, {});
    for (const node of graph.nodes.values()) {
      const value = node.attrs.get('fidelity');
      if (value !== undefined && once.first('fidelity', value)) {
        check('fidelity', value, ownerPhrase('node', `'${node.id}'`, value), node.loc, {
          nodeId: node.id
        });
      }
    }
    for (const edge of graph.edges) {
      const value = edge.attrs.get('fidelity');
      if (value !== undefined && once.first('edge:fidelity', value)) {
        check(
          'fidelity',
          value,
          ownerPhrase('edge', `'${edge.from}' -> '${edge.to}'`, value),
          edge.loc,
          {
            edge: { from: edge.from, to: edge.to }
          }
        );
      }
    }
    return diagnostics;
  }
};
