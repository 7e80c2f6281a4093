/** Inputs are read once into ActionSettings; every bad value names its input. */
import { describe, expect, it } from '@jest/globals';
import { isTrackerError } from '../../src/common/errors.js';
import type { InputReader } from '../../src/action/inputs.js';
import { readSettings } from '../../src/action/inputs.js';

/** An InputReader over a map, with @actions/core's semantics for `required` and booleans. */
function reader(inputs: Record<string, string>): InputReader {
  return {
    getInput: (name, options) => {
      const value = (inputs[name] ?? '').trim();
      if (options?.required && value === '')
        throw new Error(`Input required and not supplied: ${name}`);
      return value;
    },
    getBooleanInput: (name) => (inputs[name] ?? 'false') === 'true'
  };
}

describe('readSettings', () => {
  it('reads every input, with the defaults of action.yml', () => {
    expect(readSettings(reader({ pipeline: 'p.dot' }))).toEqual({
      pipeline: 'p.dot',
      command: 'run',
      autoApprove: false,
      simulate: false,
      workingDirectory: '.',
      vars: new Map()
    });
    const settings = readSettings(
      reader({
        pipeline: 'p.dot',
        command: 'validate',
        'auto-approve': 'true',
        'working-directory': 'sub',
        vars: 'a=1\n# comment\n\n b = x=y '
      })
    );
    expect(settings).toMatchObject({
      command: 'validate',
      autoApprove: true,
      workingDirectory: 'sub'
    });
    expect([...settings.vars]).toEqual([
      ['a', '1'],
      ['b', ' x=y']
    ]);
  });

  it.each([
    [{ pipeline: 'p.dot', command: 'deploy' }, "Input 'command' must be 'run' or 'validate'"],
    [{ pipeline: 'p.dot', vars: 'novalue' }, "Input 'vars' expects KEY=VALUE lines, got 'novalue'"],
    [{ pipeline: 'p.dot', vars: '=x' }, "Input 'vars' expects KEY=VALUE lines"]
  ])('refuses %j with code USAGE', (inputs, message) => {
    let error: unknown;
    try {
      readSettings(reader(inputs));
    } catch (e) {
      error = e;
    }
    expect(isTrackerError(error) && error.code).toBe('USAGE');
    expect((error as Error).message).toContain(message);
  });
});
