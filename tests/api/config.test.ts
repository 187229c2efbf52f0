import request from 'supertest';
import { getRegion, getSlaPolicyForRegion, listDepartments } from '../../models/config.repository';
import { listConfigRevisions } from '../../models/config-revision.model';
import { TARGETS, bearer, departmentBody, expectProblem, policyBody, regionBody, uid, useConfigApi } from './config-api.helpers';

const { harness, put, get, createRegion, createDepartment } = useConfigApi();

describe('regions', () => {
  it('creates a region at version 1, replaces it as version 2, and an identical PUT changes nothing', async () => {
    const id = uid('region');
    const created = await put(`/api/regions/${id}`, regionBody(id)).expect(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ id, version: 1, defaultLanguage: 'en', retentionDays: 730 });
    expect(Date.parse(created.body.updatedAt)).not.toBeNaN();

    const replaced = await put(`/api/regions/${id}`, { ...regionBody(id), name: 'Renamed' }).expect(200);
    expect(replaced.body).toMatchObject({ name: 'Renamed', version: 2 });
    const again = await put(`/api/regions/${id}`, { ...regionBody(id), name: 'Renamed' }).expect(200);
    expect(again.body.version).toBe(2);

    const read = await get(`/api/regions/${id}`).expect(200);
    expect(read.headers.etag).toBe('"2"');
    expect(read.body).toEqual(replaced.body);
    expect((await get('/api/regions').expect(200)).body.items).toEqual(expect.arrayContaining([replaced.body]));
    expect((await getRegion(id))?.name).toBe('Renamed');
    expect((await listConfigRevisions('region', id)).map((r) => r.version)).toEqual([2, 1]);
  });

  it.each([['EST+5'], ['UTC+02:00'], ['']])('rejects the malformed time zone %p with 400 pointing at it', async (timeZone) => {
    const id = uid('region');
    const res = await put(`/api/regions/${id}`, regionBody(id, timeZone));
    expectProblem(res, 400, 'VALIDATION_FAILED', '/body/calendar/timeZone');
    expectProblem(await get(`/api/regions/${id}`), 404, 'REGION_NOT_FOUND');
  });

  it('rejects a well-formed time zone the database does not have with 422 pointing at it', async () => {
    const id = uid('region');
    const res = await put(`/api/regions/${id}`, regionBody(id, 'Mars/Olympus'));
    expectProblem(res, 422, 'UNKNOWN_REFERENCE', '/body/calendar/timeZone');
    expectProblem(await get(`/api/regions/${id}`), 404, 'REGION_NOT_FOUND');
  });

  it('rejects malformed hours, dates and unknown fields with a pointer per field', async () => {
    const id = uid('region');
    const body = {
      ...regionBody(id),
      calendar: { timeZone: 'Europe/Berlin', weeklyHours: { mon: [{ start: '9am', end: '17:00' }] }, holidays: [{ date: '2026-13-01', name: 'x' }] },
      color: 'blue',
    };
    const res = await put(`/api/regions/${id}`, body);
    expectProblem(res, 400, 'VALIDATION_FAILED', '/body/calendar/weeklyHours/mon/0/start');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/body/calendar/holidays/0/date', '/body']),
    );
  });

  it('rejects a body whose id differs from the path with 422 at /body/id', async () => {
    const res = await put(`/api/regions/${uid('region')}`, regionBody(uid('region')));
    expectProblem(res, 422, 'INCONSISTENT_INPUT', '/body/id');
  });

  it('rejects a malformed path id with 400 at /params/id', async () => {
    expectProblem(await get('/api/regions/Not_A_Slug'), 400, 'VALIDATION_FAILED', '/params/id');
  });

  it('answers an unknown region with 404 REGION_NOT_FOUND', async () => {
    const res = await get('/api/regions/no-such-region');
    expectProblem(res, 404, 'REGION_NOT_FOUND');
    expect(res.body.detail).toBe('region "no-such-region" not found');
  });
});

describe('optimistic concurrency', () => {
  it('writes with a matching If-Match and refuses a stale one with 409, leaving the stored region unchanged', async () => {
    const id = await createRegion();
    const ok = await put(`/api/regions/${id}`, { ...regionBody(id), name: 'Second' }).set('If-Match', '"1"').expect(200);
    expect(ok.body.version).toBe(2);

    const stale = await put(`/api/regions/${id}`, { ...regionBody(id), name: 'Lost update' }).set('If-Match', '"1"');
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.currentVersion).toBe(2);
    const read = await get(`/api/regions/${id}`).expect(200);
    expect(read.body).toMatchObject({ name: 'Second', version: 2 });
    expect(await listConfigRevisions('region', id)).toHaveLength(2);
  });

  it('refuses If-Match on an object that does not exist yet, and a malformed If-Match with 400', async () => {
    const id = uid('region');
    expectProblem(await put(`/api/regions/${id}`, regionBody(id)).set('If-Match', '"1"'), 409, 'VERSION_CONFLICT');
    expectProblem(await put(`/api/regions/${id}`, regionBody(id)).set('If-Match', 'W/"1"'), 400, 'VALIDATION_FAILED', '/headers/if-match');
    expectProblem(await get(`/api/regions/${id}`), 404, 'REGION_NOT_FOUND');
  });

  it('lets exactly one of two concurrent writers with the same If-Match win', async () => {
    const id = await createRegion();
    const results = await Promise.all(
      ['A', 'B'].map((n) => put(`/api/regions/${id}`, { ...regionBody(id), name: `Writer ${n}` }).set('If-Match', '"1"')),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200);
    expect((await get(`/api/regions/${id}`).expect(200)).body).toEqual(winner?.body);
  });

  it('gives concurrent writers without If-Match distinct versions and loses none', async () => {
    const id = await createRegion();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => put(`/api/regions/${id}`, { ...regionBody(id), name: `Writer ${n}` })),
    );
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual([2, 3, 4, 5, 6]);
    expect((await listConfigRevisions('region', id)).map((r) => r.version)).toEqual([6, 5, 4, 3, 2, 1]);
  });
});

describe('request bodies', () => {
  it('answers a body over 64 kB with a 413 problem', async () => {
    const id = uid('region');
    const body = { ...regionBody(id), name: 'x'.repeat(70 * 1024) };
    expectProblem(await put(`/api/regions/${id}`, body), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await request(harness().app)
      .put(`/api/regions/${uid('region')}`)
      .set('Authorization', bearer(harness().keys.ops))
      .set('Content-Type', 'application/json')
      .send('{"id": "broken",');
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.detail).toBe('request body is not valid JSON');
  });

  it('answers a non-JSON content type with 415', async () => {
    const res = await request(harness().app)
      .put(`/api/regions/${uid('region')}`)
      .set('Authorization', bearer(harness().keys.ops))
      .set('Content-Type', 'text/plain')
      .send('id=foo');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts application/merge-patch+json style types as JSON', async () => {
    const id = uid('region');
    await request(harness().app)
      .put(`/api/regions/${id}`)
      .set('Authorization', bearer(harness().keys.ops))
      .set('Content-Type', 'application/vnd.meridian+json')
      .send(JSON.stringify(regionBody(id)))
      .expect(201);
  });

  it('answers an empty PUT with 400 at /body', async () => {
    const res = await request(harness().app).put(`/api/regions/${uid('region')}`).set('Authorization', bearer(harness().keys.ops));
    expectProblem(res, 400, 'VALIDATION_FAILED', '/body');
  });
});

describe('departments', () => {
  it('stores a department and rejects an unknown escalation department with 422 at the field', async () => {
    const target = await createDepartment();
    const id = uid('dept');
    const ok = await put(`/api/departments/${id}`, departmentBody(id, { escalationDepartmentId: target })).expect(201);
    expect(ok.body).toMatchObject({ escalationDepartmentId: target, members: [{ id: 'ana', skills: [] }] });

    const bad = await put(`/api/departments/${id}`, departmentBody(id, { escalationDepartmentId: 'nowhere' }));
    expectProblem(bad, 422, 'UNKNOWN_REFERENCE', '/body/escalationDepartmentId');
    expect((await get(`/api/departments/${id}`).expect(200)).body).toEqual(ok.body);
    expect((await listDepartments()).map((d) => d.id)).toEqual(expect.arrayContaining([id, target]));
  });

  it('rejects a bad member email and a lead who is not a member', async () => {
    const id = uid('dept');
    const body = departmentBody(id, { leadId: 'bob' });
    (body.members[0] as { email: string }).email = 'not-an-email';
    const res = await put(`/api/departments/${id}`, body);
    expectProblem(res, 400, 'VALIDATION_FAILED', '/body/members/0/email');
  });

  it('answers an unknown department with 404 DEPARTMENT_NOT_FOUND', async () => {
    expectProblem(await get('/api/departments/no-such-dept'), 404, 'DEPARTMENT_NOT_FOUND');
  });
});

describe('SLA policies', () => {
  it('stores one policy per region and finds it by region', async () => {
    const regionId = await createRegion();
    const id = uid('policy');
    const created = await put(`/api/sla-policies/${id}`, policyBody(id, regionId)).expect(201);
    expect(created.body).toMatchObject({ regionId, warningAtPercent: 80, escalationLadder: [], version: 1 });
    expect((await getSlaPolicyForRegion(regionId))?.id).toBe(id);

    const other = uid('policy');
    const clash = await put(`/api/sla-policies/${other}`, policyBody(other, regionId));
    expectProblem(clash, 409, 'CONFLICT', '/body/regionId');
    expectProblem(await get(`/api/sla-policies/${other}`), 404, 'SLA_POLICY_NOT_FOUND');
  });

  it('rejects an unknown region and unknown reassignment departments with 422 at each field', async () => {
    const id = uid('policy');
    const ladder = [
      { afterMinutes: 0, actions: [{ type: 'notify_assignee' }] },
      { afterMinutes: 30, actions: [{ type: 'raise_priority' }, { type: 'reassign_to_department', departmentId: 'ghost-dept' }] },
    ];
    const res = await put(`/api/sla-policies/${id}`, policyBody(id, 'ghost-region', { escalationLadder: ladder }));
    expectProblem(res, 422, 'UNKNOWN_REFERENCE', '/body/regionId');
    expectProblem(res, 422, 'UNKNOWN_REFERENCE', '/body/escalationLadder/1/actions/1/departmentId');
  });

  it('rejects targets sent as text with 400 pointing at the field', async () => {
    const regionId = await createRegion();
    const id = uid('policy');
    const body = policyBody(id, regionId);
    (body.targets.high as Record<string, unknown>) = { ...TARGETS, firstResponseMinutes: '30' };
    expectProblem(await put(`/api/sla-policies/${id}`, body), 400, 'VALIDATION_FAILED', '/body/targets/high/firstResponseMinutes');
  });

  it('rejects a ladder out of order and an unknown action type', async () => {
    const regionId = await createRegion();
    const id = uid('policy');
    const ladder = [
      { afterMinutes: 30, actions: [{ type: 'notify_assignee' }] },
      { afterMinutes: 10, actions: [{ type: 'call_the_ceo' }] },
    ];
    const res = await put(`/api/sla-policies/${id}`, policyBody(id, regionId, { escalationLadder: ladder }));
    expectProblem(res, 400, 'VALIDATION_FAILED', '/body/escalationLadder/1/actions/0/type');
  });
});

