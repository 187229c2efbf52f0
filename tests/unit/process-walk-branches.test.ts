import { applicableLevels, branchTarget, type BranchFacts } from '../../domain/processes/walk';

const facts = (over: Partial<BranchFacts> = {}): BranchFacts => ({ fields: { tier: 'standard', region: 'eu' }, amount: null, outcomes: {}, ...over });
const process = { steps: [{ id: 'route' }, { id: 'small' }, { id: 'big' }, { id: 'vip' }] };
const route = {
  id: 'route',
  cases: [
    { when: { field: 'amount' as const, atLeast: { USD: 10_000, JPY: 1_000_000 } }, next: 'big' },
    { when: { field: 'tier' as const, in: ['vip'] }, next: 'vip' },
    { when: { field: 'outcome' as const, step: 'review', in: ['urgent'] }, next: '$resolve' },
  ],
};

describe('branch steps', () => {
  it('takes the first case that holds, else falls through to the next step', () => {
    expect(branchTarget(process, route, facts({ amount: { minor: 10_000, currency: 'USD' } }))).toBe('big');
    expect(branchTarget(process, route, facts({ amount: { minor: 9_999, currency: 'USD' } }))).toBe('small');
    expect(branchTarget(process, route, facts({ fields: { tier: 'vip' } }))).toBe('vip');
    expect(branchTarget(process, route, facts({ outcomes: { review: 'urgent' } }))).toBeNull();
    expect(branchTarget(process, { ...route, otherwise: 'vip' }, facts())).toBe('vip');
  });

  it('never compares amounts across currencies: an unlisted currency does not meet a threshold', () => {
    expect(branchTarget(process, route, facts({ amount: { minor: 5_000_000, currency: 'EUR' } }))).toBe('small');
  });
});

describe('approval levels for an amount', () => {
  const levels: Array<{ name: string; from: Record<string, number> }> = [
    { name: 'lead', from: { USD: 2_000 } },
    { name: 'finance', from: { USD: 20_000 } },
    { name: 'always', from: {} },
  ];
  it('applies a level from its threshold up, and every level whose currency is not listed (or with no amount)', () => {
    expect(applicableLevels(levels, { minor: 1_999, currency: 'USD' }).map((l) => l.name)).toEqual(['always']);
    expect(applicableLevels(levels, { minor: 2_000, currency: 'USD' }).map((l) => l.name)).toEqual(['lead', 'always']);
    expect(applicableLevels(levels, { minor: 25_000, currency: 'USD' }).map((l) => l.name)).toEqual(['lead', 'finance', 'always']);
    expect(applicableLevels(levels, { minor: 1, currency: 'JPY' }).map((l) => l.name)).toEqual(['lead', 'finance', 'always']);
    expect(applicableLevels(levels, null).map((l) => l.name)).toEqual(['lead', 'finance', 'always']);
  });
});
