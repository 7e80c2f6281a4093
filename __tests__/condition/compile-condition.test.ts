import { describe, expect, it } from '@jest/globals';
import { compileCondition } from '../../src/condition/compile-condition.js';
import type { ConditionScope } from '../../src/condition/evaluate-condition.js';
import { parseCondition } from '../../src/condition/parse-condition.js';
import { isTrackerError } from '../../src/common/errors.js';
import {
  corpusDotFiles,
  describeWithCorpus,
  readCorpusFile
} from '../support/conformance-corpus.js';

const scope = (outcome: string, context: Record<string, unknown> = {}): ConditionScope => ({
  outcome,
  preferredLabel: '',
  lookup: (key) => (Object.hasOwn(context, key) ? context[key] : undefined)
});

describe('compileCondition', () => {
  it('returns a predicate over scopes', () => {
    const ok = compileCondition('outcome=success && context.n>=2');
    expect(ok(scope('success', { n: 2 }))).toBe(true);
    expect(ok(scope('success', { n: 1 }))).toBe(false);
    expect(ok(scope('fail', { n: 5 }))).toBe(false);
  });

  it('treats the empty condition as always true', () => {
    expect(compileCondition('')(scope('fail'))).toBe(true);
  });

  it('returns the cached predicate for the same text', () => {
    expect(compileCondition('outcome=retry')).toBe(compileCondition('outcome=retry'));
  });

  it('keeps the cache bounded, evicting the oldest text', () => {
    const first = compileCondition('context.evict_me=1');
    for (let i = 0; i < 1100; i++) compileCondition(`context.k=${i}`);
    const again = compileCondition('context.evict_me=1');
    expect(again).not.toBe(first);
    expect(again(scope('success', { evict_me: 1 }))).toBe(true);
  });

  it('throws PIPELINE_INVALID with the parse error and its fix', () => {
    let thrown: unknown;
    try {
      compileCondition('outcome => success');
    } catch (e) {
      thrown = e;
    }
    expect(isTrackerError(thrown)).toBe(true);
    if (!isTrackerError(thrown)) return;
    expect(thrown.code).toBe('PIPELINE_INVALID');
    expect(thrown.message).toBe(
      `Condition "outcome => success" is invalid: unknown operator '=>' at column 9; use '=' or '!='. use '>=' for 'greater than or equal'`
    );
  });
});

/** Every condition written in the shared conformance corpora parses. */
describeWithCorpus('conditions in the conformance corpora', () => {
  const conditions = new Set<string>();
  for (const name of corpusDotFiles()) {
    for (const m of readCorpusFile(name).source.matchAll(
      /\bcondition\s*=\s*"((?:[^"\\]|\\.)*)"/g
    )) {
      conditions.add((m[1] ?? '').replace(/\\"/g, '"'));
    }
  }

  it('finds conditions to check', () => {
    expect(conditions.size).toBeGreaterThan(10);
  });

  it.each([...conditions].map((c) => [c]))('%j parses', (text) => {
    const r = parseCondition(text);
    expect(r.ok ? 'ok' : r.errors[0]?.message).toBe('ok');
  });
});
