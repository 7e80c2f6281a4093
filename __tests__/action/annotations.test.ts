/** The annotation a diagnostic becomes: its text quotes the pipeline, so control characters are escaped. */
import { describe, expect, it } from '@jest/globals';
import { annotationOf } from '../../src/action/annotations.js';

describe('annotationOf', () => {
  it('makes control characters in the message and fix visible, and keeps the place', () => {
    const annotation = annotationOf({
      rule: 'unknown_attribute',
      severity: 'warning',
      message: "unknown node attribute 'promt' on node 'w\u001b[2J'",
      fix: 'Write prompt=\u001b]0;PWNED\u0007',
      file: 'p.dot',
      line: 3,
      column: 9
    });
    expect(annotation).toEqual({
      severity: 'warning',
      text: "unknown node attribute 'promt' on node 'w\\x1b[2J'\nFix: Write prompt=\\x1b]0;PWNED\\x07",
      props: { title: 'tracker unknown_attribute', file: 'p.dot', startLine: 3, startColumn: 9 }
    });
  });
});
