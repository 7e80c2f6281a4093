/**
 * The core-layer block of eslint.config.js (style.md §4): core folders may not reach the network, the
 * process or real time through globals. Runs ESLint's own rules, taken from the config, on small snippets.
 */
import { describe, expect, it } from '@jest/globals';
import { Linter } from 'eslint';
import type { Linter as LinterTypes } from 'eslint';

interface ConfigBlock {
  readonly files?: readonly string[];
  readonly rules?: LinterTypes.RulesRecord;
}

async function coreRules(): Promise<LinterTypes.RulesRecord> {
  // A plain-JS module without types: import it through a variable so tsc does not resolve it.
  const configPath = '../../eslint.config.js';
  const module = (await import(configPath)) as { default: readonly ConfigBlock[] };
  const config = module.default;
  const core = config.find((block) => block.files?.includes('src/dot/**'));
  if (core?.rules === undefined) throw new Error('eslint.config.js has no core-layer block');
  const pick = ['no-restricted-globals', 'no-restricted-properties'] as const;
  return Object.fromEntries(pick.map((name) => [name, core.rules?.[name] ?? 'off']));
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
