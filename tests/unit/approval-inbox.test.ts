import type { ApprovalState } from '../../domain/approvals/approval';
import { comparePositions, inInbox, inboxRank } from '../../domain/approvals/approval-inbox';

const level = (departmentId: string, eligible: string[], status: 'waiting' | 'pending' | 'approved' | 'rejected', mode: 'any' | 'all' = 'any') => ({
  name: departmentId, departmentId, mode, eligible, status, startedAtMs: status === 'waiting' ? null : 1_000, dueAtMs: status === 'waiting' ? null : 5_000, escalated: false,
});

function approval(overrides: Partial<ApprovalState>): ApprovalState {
  return {
    approvalId: 'refund-approval-1', stepId: 'refund-approval', title: 'Refund approval', status: 'pending', requestedBy: 'alice', amount: { minor: 5_000, currency: 'USD' },
    levels: [level('support', ['bruno', 'lena'], 'pending'), level('finance', [], 'waiting')], current: 0, answers: [], requestedAtMs: 900, decidedAtMs: null, reason: null,
    ...overrides,
  };
}
const answered = (memberId: string, lvl = 0, decision: 'approve' | 'reject' = 'approve') => ({ level: lvl, memberId, decision, reason: 'ok', atMs: 2_000 });

describe('which approvals an inbox shows', () => {
  it.each<[string, ApprovalState, string | null, string | undefined, 'pending' | 'decided', boolean]>([
    ['an eligible member at the current level', approval({}), 'lena', undefined, 'pending', true],
    ['a member of a later level only', approval({}), 'fay', undefined, 'pending', false],
    ['the requester, even if listed', approval({ levels: [level('support', ['alice', 'lena'], 'pending')] }), 'alice', undefined, 'pending', false],
    ['a member who answered an all-of level', approval({ levels: [level('support', ['bruno', 'lena'], 'pending', 'all')], answers: [answered('lena')] }), 'lena', undefined, 'pending', false],
    ['the other member of that all-of level', approval({ levels: [level('support', ['bruno', 'lena'], 'pending', 'all')], answers: [answered('lena')] }), 'bruno', undefined, 'pending', true],
    ['an any-of level answered but not yet moved on', approval({ answers: [answered('bruno')] }), 'lena', undefined, 'pending', false],
    ['ops: any pending level', approval({}), null, undefined, 'pending', true],
    ['ops: the current level’s department', approval({}), null, 'support', 'pending', true],
    ['ops: another department than the current level’s', approval({}), null, 'finance', 'pending', false],
    ['ops: a decided one is not pending', approval({ status: 'approved', current: 1, decidedAtMs: 3_000 }), null, undefined, 'pending', false],
    ['decided: a member who answered', approval({ status: 'rejected', answers: [answered('lena', 0, 'reject')], decidedAtMs: 3_000 }), 'lena', undefined, 'decided', true],
    ['decided: an eligible member who did not answer', approval({ status: 'rejected', answers: [answered('lena', 0, 'reject')], decidedAtMs: 3_000 }), 'bruno', undefined, 'decided', false],
    ['decided: a department never asked', approval({ status: 'rejected', answers: [answered('lena', 0, 'reject')], decidedAtMs: 3_000 }), null, 'finance', 'decided', false],
    ['decided: an automatic approval for ops', approval({ status: 'auto_approved', levels: [], decidedAtMs: 900 }), null, undefined, 'decided', true],
    ['decided: a pending one', approval({ answers: [answered('lena')] }), 'lena', undefined, 'decided', false],
  ])('%s', (_name, a, memberId, departmentId, status, shown) => {
    expect(inInbox(a, status, { memberId, ...(departmentId ? { departmentId } : {}) })).toBe(shown);
  });
});

describe('inbox order', () => {
  it('puts the most overdue pending level first and the newest decision first', () => {
    expect(inboxRank(approval({}), 'pending')).toBe(5_000);
    expect(inboxRank(approval({ status: 'approved', decidedAtMs: 3_000 }), 'decided')).toBeLessThan(inboxRank(approval({ status: 'approved', decidedAtMs: 2_000 }), 'decided'));
  });

  it('breaks ties by ticket id, then approval id, in code-unit order', () => {
    const at = (ticketId: string, approvalId = 'a-1') => ({ rank: 1, ticketId, approvalId });
    expect([at('tkt_b'), at('tkt_B'), at('tkt_a', 'a-2'), at('tkt_a')].sort(comparePositions)).toEqual([at('tkt_B'), at('tkt_a'), at('tkt_a', 'a-2'), at('tkt_b')]);
  });
});
