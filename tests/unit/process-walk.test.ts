import { nextStepId, RESOLVE, type ProcessRoute } from '../../domain/processes/walk';

describe('nextStepId', () => {
  const process: ProcessRoute = {
    steps: [
      { id: 'handle', next: { escalate: 'review', done: RESOLVE } },
      { id: 'review', next: {} },
      { id: 'close-out', next: {} },
    ],
  };

  it('follows `next`, resolves on "$resolve", and goes on in order for an unmapped outcome (resolving after the last step)', () => {
    expect(nextStepId(process, 'handle', 'escalate')).toBe('review');
    expect(nextStepId(process, 'handle', 'done')).toBeNull();
    expect(nextStepId(process, 'review', 'done')).toBe('close-out');
    expect(nextStepId(process, 'close-out', 'done')).toBeNull();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'treats the outcome %p as unmapped, never as the Object.prototype member of that name',
    (outcome) => {
      expect(nextStepId(process, 'review', outcome)).toBe('close-out');
      expect(nextStepId(process, 'close-out', outcome)).toBeNull();
    },
  );
});
