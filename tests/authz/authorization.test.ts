import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { registeredRoutes, type RouteDoc } from '../../api/openapi/registry';
import { startHarness, type Harness } from '../support/harness';
import { CALLER_NAMES, MATRIX, expectedStatus, mayShow, type Caller, type Entry, type Target, type TargetName } from './authorization-matrix';
import { FRESH_TICKETS, METRICS_TOKEN, makeFixtures, type FreshTicket, type Fixtures } from './fixtures';
import { mountedRoutes } from './mounted-routes';

const key = (r: RouteDoc) => `${r.method.toUpperCase()} ${r.path}`;
const docs = () => new Map(registeredRoutes().map((r) => [key(r), r]));

function docOf(entry: Entry): RouteDoc {
  const doc = docs().get(entry.route);
  if (!doc) throw new Error(`${entry.route} is not in the registry`);
  return doc;
}

/** How many successes change a ticket of each kind: the fresh tickets to open before the rows run. */
function freshTicketsNeeded(): Record<FreshTicket, number> {
  const need: Record<FreshTicket, number> = { ticketA: 0, ticketB: 0, ticketMovedFromA: 0, approvalA: 0 };
  for (const entry of MATRIX.filter((e) => e.fresh)) {
    for (const name of FRESH_TICKETS.filter((n) => entry.on.includes(n))) {
      const successes = CALLER_NAMES.filter((caller) => succeeds(expectedStatus(docOf(entry), entry, caller, name))).length;
      need[name] += entry.fresh === 'row' ? Math.min(successes, 1) : successes;
    }
  }
  return need;
}

const succeeds = (status: number) => status >= 200 && status < 300;

/** The request of one cell (path with the object's params, the caller's Authorization, the entry's body), and what it sent. */
function send(h: Harness, fx: Fixtures, entry: Entry, caller: Caller, target: Target): { response: request.Test; sent: string } {
  const [method, template] = entry.route.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_m, p: string) => {
    const value = target.params[p];
    if (value === undefined) throw new Error(`${entry.route}: ${target.label} has no "${p}"`);
    return encodeURIComponent(value);
  });
  const req = request(h.app)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
  const authorization = fx.authorization[caller];
  if (authorization) req.set('Authorization', authorization);
  if (method === 'GET' || method === 'DELETE') return { response: req, sent: path };
  const body = entry.send ? entry.send(target, caller) : {};
  const headers = { 'Idempotency-Key': `authz-${randomUUID()}`, ...target.headers };
  return { response: req.set(headers).send(body), sent: path + JSON.stringify(body) + JSON.stringify(headers) };
}

/** Everything of an answer a reader gets: status line aside, its headers and body. */
function answerText(res: request.Response): string {
  return JSON.stringify(res.headers) + (res.text ?? JSON.stringify(res.body));
}

describe('authorization matrix: every mounted route × every caller × objects of another department or customer', () => {
  let h: Harness;
  let fx: Fixtures;
  const initial = {} as Record<FreshTicket, unknown>;
  beforeAll(async () => {
    h = await startHarness({ env: { METRICS_TOKEN } });
    fx = await makeFixtures(h, freshTicketsNeeded());
    for (const name of FRESH_TICKETS) initial[name] = await fx.state(name);
  }, 240_000);
  afterAll(async () => h?.stop());

  it('has a registry entry and a matrix entry for every mounted route, and no entry for a route that is gone', () => {
    const mounted = mountedRoutes(h.app);
    const documented = [...docs().keys()].sort();
    const inMatrix = MATRIX.map((e) => e.route);
    expect({
      mountedButUndocumented: mounted.filter((r) => !documented.includes(r)),
      documentedButNotMounted: documented.filter((r) => !mounted.includes(r)),
      mountedButNotInMatrix: mounted.filter((r) => !inMatrix.includes(r)),
      inMatrixButNotMounted: inMatrix.filter((r) => !mounted.includes(r)),
      inMatrixTwice: inMatrix.filter((r, i) => inMatrix.indexOf(r) !== i),
      apiKeyRoutesWithoutRoles: documented.filter((r) => docs().get(r)!.auth === 'apiKey' && !docs().get(r)!.roles?.length),
    }).toEqual({ mountedButUndocumented: [], documentedButNotMounted: [], mountedButNotInMatrix: [], inMatrixButNotMounted: [], inMatrixTwice: [], apiKeyRoutesWithoutRoles: [] });
    expect(mounted.length).toBeGreaterThan(30);
  });

  /** Sends one cell's request and returns what is wrong with the answer: its status, its form, what it shows, what it changed. */
  async function checkCell(entry: Entry, doc: RouteDoc, caller: Caller, name: TargetName, target: Target, expected: number): Promise<string[]> {
    const problems: string[] = [];
    const cell = `${caller} × ${target.label}`;
    const before = succeeds(expected) ? null : await fx.state(name);
    const { response, sent } = send(h, fx, entry, caller, target);
    const res = await response;
    if (res.status !== expected) problems.push(`${cell}: expected ${expected}, got ${res.status} ${res.body?.code ?? ''} ${res.body?.detail ?? ''}`);
    if (res.status >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) problems.push(`${cell}: ${res.status} is not a problem+json`);
    if (res.status === 401 && !String(res.headers['www-authenticate']).startsWith('Bearer')) problems.push(`${cell}: 401 without a Bearer challenge`);
    const text = answerText(res);
    for (const owner of fx.owners.filter((o) => !mayShow(doc, caller, res.status, name, o))) {
      const leaked = owner.tokens.filter((t) => text.includes(t) && !sent.includes(t));
      if (leaked.length) problems.push(`${cell}: a ${res.status} answer shows ${owner.name}'s ${leaked.join(', ')}`);
    }
    if (!succeeds(expected) && JSON.stringify(await fx.state(name)) !== JSON.stringify(before)) problems.push(`${cell}: a request that should be refused changed ${target.label}`);
    return problems;
  }

  it.each(MATRIX.map((entry) => [entry.route, entry] as const))('%s answers every caller as documented, and shows nobody what is not theirs', async (_route, entry) => {
    const doc = docOf(entry);
    const problems: string[] = [];
    for (const name of entry.on) {
      let rowFresh: Target | undefined; // fresh: 'row' — one fresh object for all of this object's successes
      for (const caller of CALLER_NAMES) {
        const expected = expectedStatus(doc, entry, caller, name);
        let target = fx.targets[name];
        if (succeeds(expected) && entry.fresh === 'each') target = await fx.fresh(name);
        if (succeeds(expected) && entry.fresh === 'row') target = rowFresh ??= await fx.fresh(name);
        problems.push(...(await checkCell(entry, doc, caller, name, target, expected)));
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers about another department’s or customer’s object exactly as about one that does not exist', async () => {
    const otherTicket = fx.targets.ticketB.params.id!;
    const noTicket = 'tkt_noSuchTicket00000';
    const nearMiss = fx.targets.nearMissCodeB.params.code!;
    const neverIssued = 'MRD-0000-0000-0000';
    const pairs: Array<[Caller, string, string, string, object?]> = [
      ['agentA', 'GET /api/tickets/{id}', otherTicket, noTicket],
      ['agentA', 'GET /api/tickets/{id}/events', otherTicket, noTicket],
      ['agentA', 'GET /api/tickets/{id}/attachments', otherTicket, noTicket],
      ['agentA', 'POST /api/tickets/{id}/notes', otherTicket, noTicket, { body: 'Hello?' }],
      ['agentA', 'POST /api/tickets/{id}/claim', otherTicket, noTicket, { taskId: fx.targets.ticketB.taskId, memberId: 'nora' }],
      ['agentB', 'GET /api/departments/{id}', 'support', 'atlantis'],
      ['agentA', 'GET /api/customers/{id}', fx.targets.customerOfB.params.id!, 'cus_noSuchCustomer0'],
      ['agentA', 'GET /api/customers/{id}/timeline', fx.targets.customerOfB.params.id!, 'cus_noSuchCustomer0'],
      ['agentA', 'PATCH /api/customers/{id}', fx.targets.customerOfB.params.id!, 'cus_noSuchCustomer0', { tier: 'vip' }],
      ['agentB', 'GET /api/departments/{id}/tasks', 'support', 'atlantis'],
      ['anonymous', 'GET /api/track/{code}', nearMiss, neverIssued],
      ['anonymous', 'POST /api/track/{code}/messages', nearMiss, neverIssued, { body: 'Hello?' }],
    ];
    const answer = async (caller: Caller, route: string, id: string, body?: object) => {
      const [method, template] = route.split(' ') as [string, string];
      const req = request(h.app)[method.toLowerCase() as 'get' | 'post' | 'patch'](template.replace(/\{\w+\}/, id));
      if (fx.authorization[caller]) req.set('Authorization', fx.authorization[caller]);
      const res = await (body ? req.send(body) : req);
      const { requestId: _requestId, ...problem } = res.body as Record<string, unknown>;
      return { status: res.status, type: res.headers['content-type'], problem: JSON.stringify(problem).replaceAll(id, '{id}') };
    };
    for (const [caller, route, other, missing, body] of pairs) {
      expect({ route, answer: await answer(caller, route, other, body) }).toEqual({ route, answer: await answer(caller, route, missing, body) });
    }
  });

  it('leaves the shared tickets as they were: no refused action shows up later in the workflow or the read model', async () => {
    for (const name of FRESH_TICKETS) expect({ name, state: await fx.state(name) }).toEqual({ name, state: initial[name] });
  });
});
