import { getLatestProcess, getProcessVersion, getRegion, getSlaPolicyForRegion, getTriageRules } from '../../models/config.repository';
import { ConfigRevisionModel } from '../../models/config-revision.model';
import { seedDemoConfiguration } from '../../scripts/seed-demo';
import { expectProblem, processBody, uid, useConfigApi } from './config-api.helpers';

const { put, post, get, createDepartment } = useConfigApi();

describe('processes', () => {
  it('stores versions 1, 2, 3 and keeps the old ones readable', async () => {
    const departmentId = await createDepartment();
    const id = uid('proc');
    const v1 = await post('/api/processes', processBody(id, departmentId, 'First')).expect(201);
    expect(v1.body).toMatchObject({ id, version: 1, steps: [{ id: 'answer', outcomes: ['done'], next: {} }] });
    expect(v1.headers.location).toBe(`/api/processes/${id}/versions/1`);
    await post('/api/processes', processBody(id, departmentId, 'Second')).expect(201);
    const same = await post('/api/processes', processBody(id, departmentId, 'Second')).expect(200);
    expect(same.body.version).toBe(2);
    await post('/api/processes', processBody(id, departmentId, 'Third')).expect(201);

    const latest = await get(`/api/processes/${id}`).expect(200);
    expect(latest.body).toMatchObject({ version: 3, steps: [{ title: 'Third' }] });
    expect(latest.headers.etag).toBe('"3"');
    const first = await get(`/api/processes/${id}/versions/1`).expect(200);
    expect(first.body).toMatchObject({ version: 1, steps: [{ title: 'First' }] });
    expect((await getLatestProcess(id))?.version).toBe(3);
    expect(((await getProcessVersion(id, 2))?.steps[0] as { title?: string } | undefined)?.title).toBe('Second');
    const listed = (await get('/api/processes').expect(200)).body.items.filter((p: { id: string }) => p.id === id);
    expect(listed).toEqual([expect.objectContaining({ version: 3 })]);
    expectProblem(await get(`/api/processes/${id}/versions/4`), 404, 'PROCESS_NOT_FOUND');
    expectProblem(await get(`/api/processes/${id}/versions/zero`), 400, 'VALIDATION_FAILED', '/params/version');
  });

  it('gives concurrent posts distinct versions and loses none', async () => {
    const departmentId = await createDepartment();
    const id = uid('proc');
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => post('/api/processes', processBody(id, departmentId, `Title ${n}`))));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.version as number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const titles = await Promise.all([1, 2, 3, 4, 5, 6].map(async (v) => ((await getProcessVersion(id, v))?.steps[0] as { title?: string } | undefined)?.title));
    expect(titles.sort()).toEqual(['Title 1', 'Title 2', 'Title 3', 'Title 4', 'Title 5', 'Title 6']);
  });

  it('rejects steps in unknown departments with 422 and stores nothing', async () => {
    const id = uid('proc');
    const res = await post('/api/processes', processBody(id, 'ghost-dept'));
    expectProblem(res, 422, 'UNKNOWN_REFERENCE', '/body/steps/0/departmentId');
    expectProblem(await get(`/api/processes/${id}`), 404, 'PROCESS_NOT_FOUND');
  });

  it('rejects a next step that does not exist with 422 at the field', async () => {
    const departmentId = await createDepartment();
    const id = uid('proc');
    const body = processBody(id, departmentId);
    Object.assign(body.steps[0] as object, { outcomes: ['done'], next: { done: 'nowhere' } });
    expectProblem(await post('/api/processes', body), 422, 'UNKNOWN_REFERENCE', '/body/steps/0/next/done');
  });
});

describe('triage rules', () => {
  function rulesBody(processId: string) {
    return {
      defaultCategoryId: 'general',
      categories: [{ id: 'general', name: 'General', processId, keywords: { en: ['help'], de: ['hilfe'] } }],
      urgentWords: { en: ['urgent'] },
      tierMinPriority: { vip: 'high' },
    };
  }

  it('replaces the rules, and rejects an unknown process with 422 leaving them unchanged', async () => {
    const departmentId = await createDepartment();
    const processId = uid('proc');
    await post('/api/processes', processBody(processId, departmentId)).expect(201);
    const stored = await put('/api/triage-rules', rulesBody(processId));
    expect([200, 201]).toContain(stored.status);
    const version = stored.body.version as number;

    const bad = await put('/api/triage-rules', rulesBody('ghost-process'));
    expectProblem(bad, 422, 'UNKNOWN_REFERENCE', '/body/categories/0/processId');
    const read = await get('/api/triage-rules').expect(200);
    expect(read.body).toMatchObject({ version, categories: [{ processId }] });
    expect((await getTriageRules())?.categories[0]?.processId).toBe(processId);

    const stale = await put('/api/triage-rules', { ...rulesBody(processId), urgentWords: {} }).set('If-Match', `"${version + 5}"`);
    expectProblem(stale, 409, 'VERSION_CONFLICT');
  });

  it('rejects a default category that is not among the categories (422)', async () => {
    const res = await put('/api/triage-rules', { ...rulesBody('any-process'), defaultCategoryId: 'missing' });
    expectProblem(res, 422, 'UNKNOWN_REFERENCE', '/body/defaultCategoryId');
  });

  it('refuses patterns the linear-time engine cannot run with 422 naming rule and pattern, leaving the rules unchanged', async () => {
    const departmentId = await createDepartment();
    const processId = uid('proc');
    await post('/api/processes', processBody(processId, departmentId)).expect(201);
    const before = (await get('/api/triage-rules')).body as { version?: number };
    const body = rulesBody(processId);
    const patterns = ['(a+)+$', '(\\w+)\\s+\\1', 'refund(?= now)', '(unclosed'];
    (body.categories[0] as Record<string, unknown>).patterns = patterns;
    const res = await put('/api/triage-rules', body);
    expectProblem(res, 422, 'UNSUPPORTED_PATTERN', '/body/categories/0/patterns/1');
    expect(res.body.errors).toEqual([1, 2, 3].map((j) => ({
      pointer: `/body/categories/0/patterns/${j}`,
      message: expect.stringContaining(`category "general": pattern ${JSON.stringify(patterns[j])} is not supported`),
    })));
    expect(((await get('/api/triage-rules')).body as { version?: number }).version).toBe(before.version);
  });
});

describe('demo configuration', () => {
  it('seeds four regions, six departments, the demo and built-in processes and the triage rules, and a second run changes nothing', async () => {
    await seedDemoConfiguration();
    const revisionsAfterFirst = await ConfigRevisionModel.countDocuments({ actor: 'seed' });
    await seedDemoConfiguration();
    expect(await ConfigRevisionModel.countDocuments({ actor: 'seed' })).toBe(revisionsAfterFirst);

    for (const id of ['us-east', 'eu-central', 'apac-vn', 'demo-fast']) {
      expect((await get(`/api/regions/${id}`).expect(200)).body.version).toBe(1);
      expect(await getSlaPolicyForRegion(id)).not.toBeNull();
    }
    for (const id of ['support', 'billing', 'risk', 'trust-safety', 'finance', 'quality']) await get(`/api/departments/${id}`).expect(200);
    for (const id of ['general-inquiry', 'billing-dispute', 'refund-request', 'account-hacked', 'minor-purchase']) {
      expect((await get(`/api/processes/${id}`).expect(200)).body.version).toBe(1);
    }
    const usEast = await getRegion('us-east');
    expect(usEast?.calendar.holidays).toEqual(expect.arrayContaining([{ date: '2026-11-26', name: 'Thanksgiving Day' }]));
    expect((await getRegion('apac-vn'))?.calendar.holidays.map((h) => h.date)).toEqual(expect.arrayContaining(['2027-02-05', '2027-02-10']));
    const fast = await getSlaPolicyForRegion('demo-fast');
    expect(fast?.targets.normal).toEqual({ firstResponseMinutes: 1, nextResponseMinutes: 2, resolutionMinutes: 3 });
    expect(fast?.escalationLadder.map((l) => l.afterMinutes)).toEqual([0, 0.5, 1]);
    const rules = await getTriageRules();
    expect(rules?.categories.map((c) => c.processId).sort()).toEqual(['account-hacked', 'billing-dispute', 'general-inquiry', 'minor-purchase', 'refund-request']);
  });
});
