/**
 * The core-layer block of eslint.config.js (style.md §4): core folders may not reach the network, the
 * process or real time through globals. Runs ESLint's own rules, as the real config resolves them for a core
 * file, on small snippets.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint, Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import type { Linter as LinterTypes } from 'eslint';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The rules ESLint resolves from the real config for a file in a core folder. */
async function coreRules(): Promise<LinterTypes.RulesRecord> {
  const config = (await new ESLint({ cwd: root }).calculateConfigForFile('src/dot/parser.ts')) as {
    rules?: LinterTypes.RulesRecord;
  };
  const pick = ['no-restricted-globals', 'no-restricted-properties'] as const;
  return Object.fromEntries(pick.map((name) => [name, config.rules?.[name] ?? 'off']));
}

describe('core-layer lint rules', () => {
  it.each([
    ['fetch', "export const r = fetch('http://x');"],
    ['XMLHttpRequest', 'export const r = new XMLHttpRequest();'],
    ['WebSocket', "export const r = new WebSocket('ws://x');"],
    ['EventSource', "export const r = new EventSource('http://x');"],
    ['globalThis.fetch', 'export const r = globalThis.fetch;'],
    ['process', 'export const r = process.env;'],
    ['setTimeout', 'export const r = setTimeout(() => {}, 1);']
  ])('rejects %s in a core folder', async (_name, code) => {
    const rules = await coreRules();
    const messages = new Linter().verify(code, {
      languageOptions: { sourceType: 'module', ecmaVersion: 2022 },
      rules
    });
    expect(messages.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-(globals|properties)$/)])
    );
  });

  it('allows ordinary code', async () => {
    const rules = await coreRules();
    const messages = new Linter().verify('export const r = [1, 2].map((x) => x + 1);', {
      languageOptions: { sourceType: 'module', ecmaVersion: 2022 },
      rules
    });
    expect(messages).toEqual([]);
  });
});
