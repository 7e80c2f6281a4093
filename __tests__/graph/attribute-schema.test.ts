import { describe, expect, it } from '@jest/globals';
import {
  ATTRIBUTE_SCHEMA,
  attributeScopes,
  canonicalAttributeKey,
  isAttributeAlias,
  lookupAttribute,
  suggestAttribute
} from '../../src/graph/attribute-schema.js';
import type { AttributeScope } from '../../src/graph/attribute-schema.js';

describe('attribute schema', () => {
  it.each<[AttributeScope, string, string]>([
    ['graph', 'default_max_retry', 'default_max_retries'],
    ['node', 'max_concurrency', 'max_parallel'],
    ['node', 'default_choice', 'human.default_choice'],
    ['node', 'poll_interval', 'manager.poll_interval'],
    ['node', 'max_cycles', 'manager.max_cycles'],
    ['node', 'stop_condition', 'manager.stop_condition'],
    ['node', 'plan', 'plan_before_execute'],
    ['node', 'shape', 'shape'],
    ['node', 'not_a_key', 'not_a_key']
  ])('canonicalAttributeKey(%s, %s) = %s', (scope, key, canonical) => {
    expect(canonicalAttributeKey(scope, key)).toBe(canonical);
  });

  it('knows aliases only in their scopes', () => {
    expect(isAttributeAlias('graph', 'default_max_retry')).toBe(true);
    expect(isAttributeAlias('node', 'default_max_retry')).toBe(false);
    expect(isAttributeAlias('graph', 'default_max_retries')).toBe(false);
    expect(lookupAttribute('edge', 'tool_command')).toBeUndefined();
    expect(lookupAttribute('node', 'tool_command')).toMatchObject({
      type: 'string',
      source: 'spec'
    });
  });

  it('gives each scope its own meaning of a shared key', () => {
    expect(lookupAttribute('node', 'label')?.default).toBe('node ID');
    expect(lookupAttribute('edge', 'label')?.description).toMatch(/routing key/);
    expect(attributeScopes('label')).toEqual(['graph', 'node', 'edge']);
    expect(attributeScopes('condition')).toEqual(['edge']);
    expect(attributeScopes('nope')).toEqual([]);
  });

  it('has well-formed entries', () => {
    for (const entry of ATTRIBUTE_SCHEMA) {
      expect(entry.scope.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(10);
      if (entry.type === 'enum') expect(entry.values?.length ?? 0).toBeGreaterThan(0);
      else expect(entry.values).toBeUndefined();
    }
  });

  it('lists the spec attributes of Appendix A', () => {
    const graph = [
      'goal',
      'label',
      'model_stylesheet',
      'default_max_retries',
      'default_fidelity',
      'retry_target',
      'fallback_retry_target',
      'stack.child_dotfile',
      'stack.child_workdir',
      'tool_hooks.pre',
      'tool_hooks.post'
    ];
    const node = [
      'label',
      'shape',
      'type',
      'prompt',
      'max_retries',
      'goal_gate',
      'retry_target',
      'fallback_retry_target',
      'fidelity',
      'thread_id',
      'class',
      'timeout',
      'llm_model',
      'llm_provider',
      'reasoning_effort',
      'auto_status',
      'allow_partial'
    ];
    const edge = ['label', 'condition', 'weight', 'fidelity', 'thread_id', 'loop_restart'];
    for (const key of graph) expect(lookupAttribute('graph', key)?.key).toBe(key);
    for (const key of node) expect(lookupAttribute('node', key)?.key).toBe(key);
    for (const key of edge) expect(lookupAttribute('edge', key)?.key).toBe(key);
  });

  it.each<[AttributeScope, string, string | undefined]>([
    ['node', 'promt', 'prompt'],
    ['node', 'Shape', 'shape'],
    ['node', 'tool_comand', 'tool_command'],
    ['node', 'max_retry', 'max_retries'],
    ['node', 'llm_mod', 'llm_model'],
    ['node', 'goalgate', 'goal_gate'],
    ['graph', 'default_max_retrys', 'default_max_retries'],
    ['graph', 'stylesheet', 'model_stylesheet'],
    ['edge', 'condtion', 'condition'],
    ['edge', 'url', 'URL'],
    ['node', 'default_choise', 'human.default_choice'],
    ['node', 'tpye', 'type'], // a swap of two letters is one edit
    ['edge', 'lable', 'label'],
    ['node', 'file', undefined], // 'side(s)' is two edits away: another word, not a typo
    ['node', 'shape', undefined],
    ['node', 'zzzzzzzz', undefined],
    ['edge', 'prompt', undefined]
  ])('suggestAttribute(%s, %s) = %s', (scope, key, expected) => {
    expect(suggestAttribute(scope, key)).toBe(expected);
  });
});
