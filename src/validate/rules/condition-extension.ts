/**
 * condition_extension (info): a condition uses an operator that tracker supports but the Attractor spec
 * (§10) does not (`||`, `!`/`not`, `==`, `<`, `contains`, `in`, `matches`, `ctx.` …). Such a pipeline
 * runs on tracker; the note tells strict-spec users where it would not run on other engines.
 */
import { diagnosticAt } from '../../common/diagnostic.js';
import type { Diagnostic } from '../../common/diagnostic.js';
import type { LintRule } from '../lint-rule.js';
import { locateInValue } from '../locate-in-value.js';
import { OncePerSource, attributeLocation } from '../once-per-source.js';
import { parsedConditions } from './condition-syntax.js';

export const conditionExtensionRule: LintRule = {
  name: 'condition_extension',
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    const once = new OncePerSource();
    for (const { owner, key, value, result } of parsedConditions(graph)) {
      if (
        !result.ok ||
        result.extensions.length === 0 ||
        !once.first(`${owner.scope}:${key}`, value)
      )
        continue;
      const first = result.extensions[0] ?? '';
      const at = Math.max(0, value.value.indexOf(first));
      diagnostics.push(
        diagnosticAt(locateInValue(value, key, at) ?? attributeLocation(value, owner.loc), {
          rule: 'condition_extension',
          severity: 'info',
          message:
            `${value.writtenKey ?? key} ${JSON.stringify(value.value)} on ${owner.describe(value)} uses tracker extensions ` +
            `beyond the Attractor spec: ${result.extensions.map((e) => `'${e}'`).join(', ')}`,
          ...owner.target,
          fix: 'Nothing to do if the pipeline only runs on tracker. For other engines, use only =, != and && with outcome, preferred_label and context.<key>.'
        })
      );
    }
    return diagnostics;
  }
};
