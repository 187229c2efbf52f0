/** Apply-time checks of a process definition: every bad definition is refused with the path of what is wrong. */
import { processTargets, ProcessBodySchema } from '../../domain/processes/process';
import { ruleCodeOf } from '../../domain/rules';

const task = (id: string, next: Record<string, string> = {}, outcomes = ['done', 'again']) => ({ id, type: 'task', title: id, departmentId: 'support', outcomes, next });
const approval = (levels: unknown[], next: Record<string, string> = {}) => ({ id: 'approve', type: 'approval', title: 'Approve', levels, next });
const level = (approvers: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ name: 'lead', approvers: { departmentId: 'support', ...approvers }, ...extra });

function problems(steps: unknown[]): Array<{ path: string; message: string; rule?: string }> {
  const parsed = ProcessBodySchema.safeParse({ id: 'proc', name: 'P', steps });
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, rule: ruleCodeOf(i) }));
}

describe('process definitions: apply-time checks', () => {
  it('accepts every step kind wired together', () => {
    expect(
      problems([
        task('review', { again: 'review' }),
        { id: 'route', type: 'branch', cases: [{ when: { field: 'amount', atLeast: { USD: 10_000 } }, next: 'approve' }, { when: { field: 'tier', in: ['vip'] }, next: 'pay' }], otherwise: 'ask' },
        { id: 'ask', type: 'wait_customer', question: 'Which order?', remindAfterMinutes: [60], timeoutMinutes: 240, next: { timeout: '$resolve' } },
        approval([level({ role: 'team_lead' }, { from: { USD: 2_000 } })], { rejected: 'tell' }),
        { id: 'pay', type: 'integration', title: 'Refund', integration: 'payments.refund', next: { failed: 'review' } },
        { id: 'restrict', type: 'integration', title: 'Restrict', integration: 'platform.restrict', restriction: 'purchases' },
        { id: 'tell', type: 'notify', template: 'approval-outcome' },
        { id: 'both', type: 'parallel', title: 'Both teams', branches: [{ id: 'left', tasks: [{ title: 'L', departmentId: 'support' }] }, { id: 'right', tasks: [{ title: 'R', departmentId: 'risk' }] }], next: { completed: '$resolve' } },
      ]),
    ).toEqual([]);
  });

  it('refuses an unknown step kind at the step, with the kinds it knows', () => {
    const [p] = problems([{ id: 'xx', type: 'teleport' }]);
    expect(p?.path).toBe('steps.0.type');
  });

  it('refuses a branch to a missing step with its path (UNKNOWN_REFERENCE)', () => {
    expect(problems([task('aa'), { id: 'bb', type: 'branch', cases: [{ when: { field: 'tier', in: ['vip'] }, next: 'nowhere' }] }])).toEqual([
      expect.objectContaining({ path: 'steps.1.cases.0.next', rule: 'UNKNOWN_REFERENCE', message: 'unknown step "nowhere"' }),
    ]);
    expect(problems([task('aa', { done: 'gone' })])[0]).toMatchObject({ path: 'steps.0.next.done', rule: 'UNKNOWN_REFERENCE' });
  });

  it('refuses a cycle with no exit, naming each trapped step', () => {
    const found = problems([task('aa', { done: 'bb', again: 'bb' }), task('bb', { done: 'aa', again: 'aa' })]);
    expect(found.map((p) => p.path)).toEqual(['steps.0', 'steps.1']);
    expect(found[0]?.message).toMatch(/cycle with no exit/);
    expect(found[0]?.rule).toBe('INCONSISTENT_INPUT');
    // The same loop with one way out is a valid rework loop.
    expect(problems([task('aa', { done: 'bb', again: 'bb' }), task('bb', { done: '$resolve', again: 'aa' })])).toEqual([]);
  });

  it('refuses a branch whose every case loops back with no exit', () => {
    const found = problems([{ id: 'loop', type: 'branch', cases: [{ when: { field: 'tier', in: ['vip'] }, next: 'loop' }], otherwise: 'loop' }]);
    expect(found).toEqual([expect.objectContaining({ path: 'steps.0', rule: 'INCONSISTENT_INPUT' })]);
  });

  it('refuses an approval level with no approvers, and a chain with no levels', () => {
    expect(problems([approval([level({})])])).toEqual([
      expect.objectContaining({ path: 'steps.0.levels.0.approvers', rule: 'INCONSISTENT_INPUT', message: expect.stringMatching(/needs approvers/) }),
    ]);
    expect(problems([approval([level({ memberIds: [] })])])[0]?.path).toBe('steps.0.levels.0.approvers');
    expect(problems([approval([])])[0]?.path).toBe('steps.0.levels');
  });

  it('refuses outcomes a step kind does not have, and restrictions where they make no sense', () => {
    expect(problems([approval([level({ role: 'lead' })], { maybe: '$resolve' })])[0]).toMatchObject({ path: 'steps.0.next.maybe', rule: 'UNKNOWN_REFERENCE' });
    expect(problems([{ id: 'rr', type: 'integration', title: 'R', integration: 'platform.restrict' }])[0]?.path).toBe('steps.0.restriction');
    expect(problems([{ id: 'rr', type: 'integration', title: 'R', integration: 'payments.refund', restriction: 'account' }])[0]?.path).toBe('steps.0.restriction');
  });

  it('refuses a template the catalogue does not have for notify steps', () => {
    expect(problems([{ id: 'nn', type: 'notify', template: 'birthday-card' }])[0]?.path).toBe('steps.0.template');
  });

  it('refuses duplicate step ids and thresholds in unknown currency formats', () => {
    expect(problems([task('aa'), task('aa')])[0]).toMatchObject({ path: 'steps.1.id', rule: 'INCONSISTENT_INPUT' });
    expect(problems([approval([level({ role: 'lead' }, { from: { usd: 100 } })])])[0]?.path).toBe('steps.0.levels.0.from.usd');
  });

  it('refuses a parallel step with no branches, a branch with no tasks, a branch id used twice, and outcomes it lacks', () => {
    const parallel = (branches: unknown[], next: Record<string, string> = {}) => ({ id: 'both', type: 'parallel', title: 'Both', branches, next });
    const branch = (id: string, tasks: unknown[] = [{ title: 'T', departmentId: 'support' }]) => ({ id, tasks });
    expect(problems([parallel([])])[0]).toMatchObject({ path: 'steps.0.branches', message: 'a parallel step needs at least one branch' });
    expect(problems([parallel([branch('aa', [])])])[0]?.path).toBe('steps.0.branches.0.tasks');
    expect(problems([parallel([branch('aa'), branch('aa')])])[0]).toMatchObject({ path: 'steps.0.branches.1.id', rule: 'INCONSISTENT_INPUT' });
    expect(problems([parallel([branch('aa')], { done: '$resolve' })])[0]).toMatchObject({ path: 'steps.0.next.done', rule: 'UNKNOWN_REFERENCE' });
    expect(problems([parallel([branch('aa')], { completed: 'nowhere' })])[0]).toMatchObject({ path: 'steps.0.next.completed', message: 'unknown step "nowhere"' });
  });

  it('caps the resolution target with the process’s own end-to-end target, only when it is tighter', () => {
    const policy = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 4_320 };
    expect(processTargets({ sla: { resolutionMinutes: 1_440 } }, policy)).toEqual({ ...policy, resolutionMinutes: 1_440 });
    expect(processTargets({ sla: { resolutionMinutes: 9_999 } }, policy)).toBe(policy);
    expect(processTargets({}, policy)).toBe(policy);
    expect(problems([task('aa')]).length).toBe(0);
    expect(ProcessBodySchema.safeParse({ id: 'proc', name: 'P', steps: [task('aa')], sla: { resolutionMinutes: 0 } }).error?.issues[0]?.path).toEqual(['sla', 'resolutionMinutes']);
  });
});
