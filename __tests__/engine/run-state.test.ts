/**
 * RunState.serialize assembles the checkpoint from cached JSON fragments (joined in chunks); whatever
 * the order of appends and changes, the text is exactly the document toCheckpoint describes.
 */
import { describe, expect, it } from '@jest/globals';
import { serializeCheckpoint } from '../../src/engine/checkpoint.js';
import { RunState } from '../../src/engine/run-state.js';

const TS = '2026-01-01T00:00:00.000Z';

function expectConsistent(state: RunState): void {
  expect(state.serialize(TS)).toBe(serializeCheckpoint(state.toCheckpoint(TS)));
}

describe('RunState.serialize', () => {
  it('matches toCheckpoint while a long chain appends nodes, across many chunks', () => {
    const state = new RunState('run', { name: 'p', file: 'p.dot', sha256: 'h' });
    for (let i = 0; i < 700; i++) {
      state.addVisit(`n${i}`);
      state.recordOutcome(`n${i}`, { status: 'success' }, 1);
      state.context.set('i', i);
      if (i % 97 === 0 || i === 699) expectConsistent(state);
    }
    expect(state.toCheckpoint(TS).completed_nodes).toHaveLength(700);
  });

  it('matches toCheckpoint when entries written chunks ago change, and after more appends', () => {
    const state = new RunState('run', { name: 'p', file: 'p.dot', sha256: 'h' });
    for (let i = 0; i < 300; i++) state.recordOutcome(`n${i}`, { status: 'success' }, 1);
    expectConsistent(state);
    state.recordOutcome('n3', { status: 'fail', failureReason: 'broke "it"\n' }, 2);
    state.addRetry('n3');
    state.addVisit('n3');
    state.addVisit('n3');
    expectConsistent(state);
    for (let i = 300; i < 450; i++) state.recordOutcome(`n${i}`, { status: 'success' }, 1);
    expectConsistent(state);
    state.recordOutcome('n299', { status: 'partial_success', notes: 'é ✓' }, 1);
    for (let i = 450; i < 520; i++) state.recordOutcome(`n${i}`, { status: 'success' }, 1);
    expectConsistent(state);
  });

  it('starts again from nothing after a loop restart', () => {
    const state = new RunState('run', { name: 'p', file: 'p.dot', sha256: 'h' });
    for (let i = 0; i < 200; i++) state.recordOutcome(`a${i}`, { status: 'success' }, 1);
    state.resetForRestart(state.context.clone());
    for (let i = 0; i < 70; i++) state.recordOutcome(`b${i}`, { status: 'success' }, 1);
    expectConsistent(state);
    expect(state.toCheckpoint(TS).completed_nodes[0]).toBe('b0');
  });
});
