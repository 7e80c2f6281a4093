/**
 * ARCHITECTURE.md's layer table is the documentation of eslint.config.js's LAYERS: the two must say the
 * same, so the doc cannot drift from what lint enforces.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function documentedLayers(): Record<string, string[]> {
  const doc = readFileSync(`${root}/ARCHITECTURE.md`, 'utf8');
  const table = /<!-- layers:start -->\n([\s\S]*?)<!-- layers:end -->/.exec(doc)?.[1];
  if (table === undefined) throw new Error('ARCHITECTURE.md has no layers table');
  const rows = table
    .split('\n')
    .filter(
      (line) => line.startsWith('| ') && !line.startsWith('| folder') && !line.startsWith('| ---')
    );
  return Object.fromEntries(
    rows.map((row) => {
      const [folder = '', , imports = ''] = row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return [folder, imports === '—' ? [] : imports.split(', ')];
    })
  );
}

describe('ARCHITECTURE.md', () => {
  it('lists the layers eslint.config.js enforces', async () => {
    const configPath = '../../eslint.config.js';
    const { LAYERS } = (await import(configPath)) as { LAYERS: Record<string, string[]> };
    expect(documentedLayers()).toEqual(LAYERS);
  });

  it('has a row for every folder of src/', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(`${root}/src`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(Object.keys(documentedLayers())).toEqual(expect.arrayContaining(folders));
  });
});
