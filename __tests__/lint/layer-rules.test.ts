/**
 * The folder-direction rules of eslint.config.js (LAYERS): each src/ folder may import only the folders
 * listed for it. The rule is taken from ESLint's own resolution of the real config for a file in that
 * folder, then run on one import, so a broken or missing block makes these fail.
 */
import { describe, expect, it } from '@jest/globals';
import { ESLint, Linter } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importVerdicts(file: string, specifier: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(file)) as {
    rules?: Record<string, Linter.RuleEntry>;
  };
  const rule = config.rules?.['no-restricted-imports'];
  if (rule === undefined) throw new Error(`no no-restricted-imports rule for ${file}`);
  const messages = new Linter().verify(`import { x } from '${specifier}';\nexport { x };\n`, {
    languageOptions: { sourceType: 'module', ecmaVersion: 2022 },
    rules: { 'no-restricted-imports': rule }
  });
  return messages.map((m) => m.message);
}

describe('layer direction lint rules', () => {
  it.each([
    ['src/engine/run-pipeline.ts', '../handlers/tool.js'],
    ['src/engine/run-pipeline.ts', '../cli/main.js'],
    ['src/graph/graph.ts', '../validate/validate.js'],
    ['src/graph/graph.ts', '../engine/outcome.js'],
    ['src/condition/parse-condition.ts', '../validate/validate.js'],
    ['src/stylesheet/parse-stylesheet.ts', '../validate/validate.js'],
    ['src/ports/events.ts', '../engine/outcome.js'],
    ['src/ports/codergen-backend.ts', '../graph/graph.js'],
    ['src/common/errors.ts', '../graph/graph.js'],
    ['src/dot/parser.ts', '../graph/graph.js'],
    ['src/handlers/wait-human.ts', '../interviewers/console.js'],
    ['src/handlers/tool.ts', '../adapters/node-process-runner.js'],
    ['src/validate/rules/start-node.ts', '../../engine/outcome.js'],
    ['src/stores/fs-run-store.ts', '../handlers/tool.js'],
    ['src/action/main.ts', '../cli/main.js'],
    ['src/action/main.ts', '../cli/render-console.js'],
    ['src/cli/main.ts', '../action/main.js'],
    ['src/runtime/start-run.ts', '../cli/main.js'],
    ['src/runtime/start-run.ts', '../action/main.js'],
    ['src/engine/run-pipeline.ts', '../runtime/start-run.js'],
    ['src/stores/fs-run-store.ts', '../runtime/run-stores.js']
  ])('%s may not import %s', async (file, specifier) => {
    const messages = await importVerdicts(file, specifier);
    expect(messages).toEqual([expect.stringContaining('may import only')]);
  });

  it.each([
    ['src/engine/run-pipeline.ts', './handler.js'],
    ['src/engine/run-pipeline.ts', '../graph/graph.js'],
    ['src/engine/run-pipeline.ts', '../ports/clock.js'],
    ['src/handlers/tool.ts', '../engine/handler.js'],
    ['src/graph/graph.ts', '../common/source-location.js'],
    ['src/ports/events.ts', './outcome.js'],
    ['src/ports/events.ts', '../common/errors.js'],
    ['src/validate/rules/start-node.ts', '../../graph/graph.js'],
    ['src/cli/main.ts', '../adapters/system-clock.js'],
    ['src/cli/main.ts', '../runtime/start-run.js'],
    ['src/action/main.ts', '../runtime/start-run.js'],
    ['src/runtime/start-run.ts', '../stores/fs-run-store.js'],
    ['src/runtime/child-runner.ts', '../handlers/manager-loop.js']
  ])('%s may import %s', async (file, specifier) => {
    expect(await importVerdicts(file, specifier)).toEqual([]);
  });

  it('core folders still may not import effectful modules', async () => {
    const messages = await importVerdicts('src/engine/run-pipeline.ts', 'node:fs');
    expect(messages).toEqual([expect.stringContaining('Core layers are pure')]);
  });

  it('the edges may', async () => {
    expect(await importVerdicts('src/adapters/system-clock.ts', 'node:fs')).toEqual([]);
  });
});
