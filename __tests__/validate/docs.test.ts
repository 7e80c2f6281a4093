import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { preparePipeline } from '../../src/pipeline/prepare-pipeline.js';
import { BUILTIN_RULES } from '../../src/validate/validate.js';
import { ExitCodes } from '../../src/cli/main.js';

const BUILD_TIME_RULES = [
  'dot_syntax',
  'dot_limit',
  'dot_dialect',
  'duplicate_node',
  'attribute_alias_conflict'
];
const doc = readFileSync(path.resolve(process.cwd(), 'docs/diagnostics.md'), 'utf8');
const sections = new Map<string, string>();
for (const part of doc.split(/^## /m).slice(1)) {
  const [heading = '', ...body] = part.split('\n');
  sections.set(heading.trim(), body.join('\n'));
}

describe('docs/diagnostics.md', () => {
  it.each([...BUILTIN_RULES.map((r) => r.name), ...BUILD_TIME_RULES])(
    'has a section for %s',
    (rule) => {
      expect(sections.has(rule)).toBe(true);
    }
  );

  it.each([...sections.keys()])(
    'section %s gives the severity and a fix, and names a known rule',
    (rule) => {
      const body = sections.get(rule) ?? '';
      expect(body).toMatch(/\*\*Severity:\*\* (error|warning|info)/);
      expect(body).toContain('**Fix:**');
      expect([...BUILTIN_RULES.map((r) => r.name), ...BUILD_TIME_RULES]).toContain(rule);
    }
  );

  it('states the exit code `tracker validate` uses for errors', () => {
    const claimed = /`tracker validate` exits (\d)/.exec(doc)?.[1];
    expect(claimed).toBe(String(ExitCodes.Failed));
  });
});

/**
 * The first ```dot block of each section. A NUL cannot be written in Markdown, so an example writes it as
 * tracker prints it, `\x00`, and the test puts the byte back.
 */
const examples = [...sections].flatMap(([rule, body]) => {
  const m = /```dot\n([\s\S]*?)```/.exec(body);
  return m?.[1] === undefined ? [] : [[rule, m[1].replaceAll('\\x00', '\u0000')] as const];
});

describe('the examples in docs/diagnostics.md', () => {
  it('cover most rules', () => {
    expect(examples.length).toBeGreaterThanOrEqual(sections.size - 3);
  });

  it.each(examples)('the %s example triggers its rule', (rule, source) => {
    const { diagnostics } = preparePipeline(source, { file: 'example.dot' });
    expect(diagnostics.map((d) => d.rule)).toContain(rule);
  });
});
