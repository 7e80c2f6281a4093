import { describe, expect, it } from '@jest/globals';
import { parseWorkflowCommands } from './workflow-commands.js';

describe('parseWorkflowCommands', () => {
  it('splits workflow commands from plain lines and unescapes them as the runner does', () => {
    const log = parseWorkflowCommands(
      [
        'Cache Size: ~0 MB (311 B)',
        '::debug::Resolved Keys:',
        '::warning::Failed to save: 100%25 sure%0Asecond line',
        '::error file=a.dot,line=3,title=x%3Ay%2Cz::broken',
        '::add-mask::secret',
        ''
      ].join('\n')
    );
    expect(log.info).toEqual(['Cache Size: ~0 MB (311 B)']);
    expect(log.warnings).toEqual(['Failed to save: 100% sure\nsecond line']);
    expect(log.errors).toEqual(['broken']);
    expect(log.commands.map((c) => c.command)).toEqual(['debug', 'warning', 'error', 'add-mask']);
    expect(log.commands[2]?.properties).toEqual({ file: 'a.dot', line: '3', title: 'x:y,z' });
  });
});
