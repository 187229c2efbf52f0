/** POST /api/processes/{id}/simulate: the path a sample ticket would take, on the real stored configuration. */
import request from 'supertest';
import { saveRegion } from '../../models/region.model';
import { saveSlaPolicy } from '../../models/sla-policy.model';
import { startHarness, type Harness } from '../support/harness';
import { seedRefundConfiguration } from '../support/approval-config';
import { TEST_REGION } from '../support/test-config';

describe('process simulation (real API and configuration)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    await seedRefundConfiguration();
    // Berlin office hours, Mon–Fri 09:00–17:00: deadlines land on the real calendar.
    const nine = [{ start: '09:00', end: '17:00' }];
    await saveRegion({ ...TEST_REGION, id: 'berlin', name: 'Berlin', calendar: { timeZone: 'Europe/Berlin', weeklyHours: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine }, holidays: [] } }, { actor: 'test' });
    const t = { firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 960 };
    await saveSlaPolicy({ id: 'berlin-policy', name: 'Berlin', regionId: 'berlin', targets: { low: t, normal: t, high: t, urgent: t }, warningAtPercent: 80, escalationLadder: [], reopenWindowMinutes: 60 }, { actor: 'test' });
  });
  afterAll(async () => h?.stop());

  const simulate = (id: string, body: object) => request(h.app).post(`/api/processes/${id}/simulate`).set('Authorization', `Bearer ${h.adminKey}`).send(body);

  it('auto-approves a small refund and walks on to the pay-out task', async () => {
    const res = await simulate('refund', { regionId: 'test-utc', refund: { amount: 1_500, currency: 'USD' }, outcomes: { review: 'refund' } });
    expect(res.status).toBe(200);
    expect(res.body.path.map((p: { stepId: string; outcome: string }) => `${p.stepId}:${p.outcome}`)).toEqual(['review:refund', 'refund-approval:approved', 'pay-out:paid']);
    expect(res.body.approvals).toEqual([{ stepId: 'refund-approval', autoApproved: true, levels: [] }]);
    expect(res.body.resolved).toBe(true);
  });

  it('lists the approval levels the amount needs, and a rejection’s message to the customer', async () => {
    const res = await simulate('refund', { regionId: 'test-utc', refund: { amount: 150_000, currency: 'USD' }, outcomes: { review: 'refund', 'refund-approval': 'rejected' } });
    expect(res.status).toBe(200);
    expect(res.body.approvals[0].levels.map((l: { name: string }) => l.name)).toEqual(['team_lead', 'finance_manager', 'second_approver']);
    expect(res.body.approvals[0].levels[1]).toMatchObject({ departmentId: 'finance', mode: 'all', role: 'finance_manager' });
    expect(res.body.path.at(-1)).toEqual({ stepId: 'refund-approval', type: 'approval', outcome: 'rejected', next: null });
    expect(res.body.messages).toEqual([{ stepId: 'refund-approval', template: 'approval-outcome' }]);
    expect(res.body.tasks.map((t: { stepId: string }) => t.stepId)).toEqual(['review']);
  });

  it('places the SLA deadlines on the region’s business calendar (a Friday afternoon ticket is due on Monday)', async () => {
    // Friday 2026-11-27 16:00 Berlin (15:00Z): 1 h left on Friday, first response (2 h) due Monday 10:00 Berlin.
    const res = await simulate('refund', { regionId: 'berlin', startAt: '2026-11-27T15:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.deadlines).toEqual({ firstResponseAt: '2026-11-30T09:00:00.000Z', resolutionAt: '2026-12-01T15:00:00.000Z' });
  });

  it('answers 404 for an unknown process, 422 for an unknown region or a bad amount, 400 for an unknown field', async () => {
    expect((await simulate('nope', { regionId: 'test-utc' })).status).toBe(404);
    const region = await simulate('refund', { regionId: 'atlantis' });
    expect(region.status).toBe(422);
    expect(region.body.code).toBe('UNKNOWN_REFERENCE');
    const money = await simulate('refund', { regionId: 'test-utc', refund: { amount: -5, currency: 'USD' } });
    expect(money.status).toBe(422);
    expect(money.body.code).toBe('INVALID_AMOUNT');
    expect((await simulate('refund', { regionId: 'test-utc', colour: 'blue' })).status).toBe(400);
  });
});
