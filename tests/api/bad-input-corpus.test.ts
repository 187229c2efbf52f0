import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createApp } from '../../api/app';
import { createApiKey } from '../../api/middleware/auth';
import { registeredRoutes, type RouteDoc } from '../../api/openapi/registry';
import { captureLogger } from '../support/log-capture';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { TicketEventModel } from '../../models/ticket-event.model';
import { TicketModel } from '../../models/ticket.model';
import { startWorker } from '../../worker/worker';
import { PERSONAL_DATA, REFUSED, SANITISED, type Body } from '../corpus/bad-inputs';
import { CORPUS_CUSTOMER, CORPUS_IDS, PLACEHOLDER_FIXTURE, bodyRouteRecipes, type Recipe } from '../corpus/body-routes';
import { ACCEPTED_BY_DESIGN, SIGNED_PAYLOAD_ROUTES, expectedAnswer } from '../corpus/by-design';
import { corpusWebchat, customersToMerge, openSignOffs, openSurveyed } from '../corpus/corpus-fixtures';
import { getAt, setAt, type Json, type JsonObject } from '../corpus/json-text';
import { judgeRefusal, type Answer } from '../corpus/judge-refusal';
import { storedVisitorMessage } from '../corpus/webchat-routes';
import { eventually, startHarness, workflowBundle, type Harness } from '../support/harness';
import { mailHeader, waitForMail } from '../support/smtp';
import { openTicket, ticketBody, ticketWhen } from '../support/tickets';
import { surveyToken } from '../../services/surveys/survey-token';

/** The rate-limit counters (RATE_LIMIT_STORE=mongodb) are written for every request by design: not the body's doing. */
const NOT_BODY_STATE = new Set(['rate_limit_hits']);

/** Every document of `collections` (default: every collection), as JSON text per collection. */
async function snapshot(collections?: readonly string[]): Promise<Map<string, string>> {
  const db = mongoose.connection.db!;
  const names = collections ? [...collections] : (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !NOT_BODY_STATE.has(n));
  const entries = await Promise.all(names.sort().map(async (n) => [n, JSON.stringify(await db.collection(n).find({}).sort({ _id: 1 }).toArray())] as const));
  return new Map(entries);
}

/** The collections whose documents differ, with the first 300 characters of what they hold now. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).map((n) => `${n}: ${(after.get(n) ?? '(dropped)').slice(0, 300)}`);
}

/** Who may act on a route, least privilege first: nobody for public routes, an agent key where agents may, else admin. */
function credentialFor(route: RouteDoc, keys: { admin: string; agent: string }): string | undefined {
  if (route.auth === 'public' || route.auth === 'visitorToken') return undefined; // a visitor's token comes in the recipe's headers
  if (route.auth !== 'apiKey') throw new Error(`no credential for a ${route.auth} body route: add one to the corpus test`);
  return route.roles?.includes('agent') ? keys.agent : keys.admin;
}

const routeKey = (r: Pick<RouteDoc, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

/**
 * The bad-input corpus (tests/corpus/bad-inputs.ts) against every route the registry lists with a body: wrong types,
 * missing and unknown fields, 10 MB and gzip-bomb bodies, deep nesting, invalid UTF-8, control and bidi characters,
 * long strings, duplicate keys, __proto__ and constructor keys, NoSQL operators and header injection in e-mail fields.
 * Each refused case: a 4xx problem with a useful detail, no document added or changed, no personal data in the logs.
 * Inputs accepted by design (free text with controls or bidi characters) are stored cleaned.
 */
describe('bad-input corpus on every route that takes a body', () => {
  let h: Harness;
  let server: http.Server;
  const logs: string[] = [];
  const keys = { admin: '', agent: '' };
  let recipes: Record<string, Recipe> = {};
  let bodyRoutes: RouteDoc[] = [];
  /** The fixture customer: no hostile lookup may answer with their data. */
  let otherCustomerEmail = '';
  let fixtureTicketId = '';

  beforeAll(async () => {
    h = await startHarness({ worker: false });
    const app = createApp({ config: h.config, logger: captureLogger(logs, 'debug'), temporal: h.client, now: h.now });
    // The worker logs into the same capture, so the personal-data check covers what accepted bodies set off.
    h.worker = await startWorker(h.config, captureLogger(logs, 'debug'), { workflowBundle: await workflowBundle(), databaseConnected: true });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    keys.admin = h.adminKey;
    keys.agent = (await createApiKey({ name: 'corpus agent', role: 'agent', departmentIds: ['support'], memberId: 'alice' }, h.config.secret)).key;

    const fixtureBody = ticketBody();
    otherCustomerEmail = fixtureBody.customer.email;
    const opened = await openTicket(h, fixtureBody);
    const ticket = await ticketWhen(opened.id, (t) => t.status === 'assigned');
    fixtureTicketId = opened.id;
    await waitForMail(h.smtp, (m) => m.envelope.to.includes(otherCustomerEmail), 20_000); // the acknowledgement: its outbox write is done
    const [approve = '', reject = ''] = await openSignOffs(h, 2);
    const surveyed = await openSurveyed(h);
    const customers = { customerId: ticket.customerId, mergePair: await customersToMerge() }; // one to change, two to merge
    recipes = bodyRouteRecipes({ ticketId: opened.id, taskId: ticket.task!.taskId, queryCode: opened.queryCode, approvalTickets: { approve, reject }, surveyToken: surveyToken(h.config.secret, surveyed), ...customers, webchat: await corpusWebchat(h) });
    bodyRoutes = registeredRoutes().filter((r) => r.body !== undefined && !SIGNED_PAYLOAD_ROUTES[routeKey(r)]);
    // The SLA policy recipe names a region of its own.
    const region = recipes['PUT /api/regions/{id}']!;
    expect((await send('put', region.url, json(region.valid), keys.admin)).status).toBe(201);
    await quiet();
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await eventually(async () => (await InboundMessageModel.countDocuments({ status: 'received' })) === 0, 60_000, 250); // accepted chat routed
    await h?.stop();
  }, 120_000);

  const json = (value: Json): Body => ({ bytes: Buffer.from(JSON.stringify(value)) });

  /** Sends `body` as is (no client re-serialises it), with Content-Length unless chunked, and the route's own headers. */
  function send(method: string, path: string, body: Body, key?: string, routeHeaders: Record<string, string> = {}): Promise<Answer> {
    const { port } = server.address() as AddressInfo;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...routeHeaders, ...body.headers };
    if (key) headers.Authorization = `Bearer ${key}`;
    if (!body.chunked) headers['Content-Length'] = String(body.bytes.length);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: method.toUpperCase(), path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text, json: parsed });
        });
      });
      req.on('error', reject);
      if (body.chunked) for (let i = 0; i < body.bytes.length; i += 65_536) req.write(body.bytes.subarray(i, i + 65_536));
      else req.write(body.bytes);
      req.end();
    });
  }

  /** Waits until the database stops changing (the fixture ticket's workflow has written everything it writes now). */
  async function quiet(): Promise<void> {
    let last = await snapshot();
    await eventually(async () => {
      await new Promise((r) => setTimeout(r, 300));
      const now = await snapshot();
      const settled = changes(last, now).length === 0;
      last = now;
      return settled;
    }, 20_000);
  }

  const loggedPersonalData = () => {
    const text = logs.join('\n').toLowerCase();
    return [...PERSONAL_DATA, CORPUS_CUSTOMER.email, CORPUS_CUSTOMER.phone, otherCustomerEmail].filter((p) => text.includes(p.toLowerCase()));
  };

  it('has a recipe for every route that takes a body, and no recipe for a route that does not exist', () => {
    const registered = bodyRoutes.map(routeKey).sort();
    expect(registered.length).toBeGreaterThanOrEqual(14);
    expect({ withoutRecipe: registered.filter((k) => !recipes[k]) }).toEqual({ withoutRecipe: [] });
    expect({ staleRecipes: Object.keys(recipes).filter((k) => !registered.includes(k)) }).toEqual({ staleRecipes: [] });
  });

  it('starts from bodies each route’s own schema accepts (so a refusal is the hostile part’s doing)', () => {
    const invalid = bodyRoutes.flatMap((r) => {
      const parsed = r.body!.safeParse(recipes[routeKey(r)]?.valid);
      return parsed.success ? [] : [`${routeKey(r)}: ${parsed.error.message}`];
    });
    expect(invalid).toEqual([]);
  });

  describe('refused inputs: a 4xx problem, nothing stored, nothing personal logged', () => {
    const routeKeys = Object.keys(bodyRouteRecipes(PLACEHOLDER_FIXTURE)).sort();

    it.each(routeKeys)('%s', async (key) => {
      const route = bodyRoutes.find((r) => routeKey(r) === key)!;
      const recipe = recipes[key]!;
      const credential = credentialFor(route, keys);
      const byDesign = ACCEPTED_BY_DESIGN[key] ?? {};
      const failures: string[] = [];
      logs.length = 0;
      const start = await snapshot();
      let before = await snapshot(recipe.writes);
      for (const c of REFUSED) {
        const body = c.body(recipe);
        if (!body) continue;
        const answer = await send(route.method, recipe.url, body, credential, recipe.headers);
        const judged = expectedAnswer(key, c, recipe.limitBytes, body);
        const problems = byDesign[c.name] ? (answer.status >= 200 && answer.status < 300 ? [] : [`status ${answer.status}, accepted by design`]) : judgeRefusal(otherCustomerEmail, judged, recipe, answer);
        const after = await snapshot(recipe.writes);
        problems.push(...changes(before, after).map((change) => `stored: ${change}`));
        before = after;
        failures.push(...problems.map((p) => `${c.name}: ${p}`));
      }
      expect(failures).toEqual([]);
      expect({ storedDuringTheseCases: changes(start, await snapshot()) }).toEqual({ storedDuringTheseCases: [] });
      expect(loggedPersonalData()).toEqual([]);
      expect(logs.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 50)).toEqual([]);
    });

    it('leaves Object.prototype unpolluted in this process, and no stored document with a __proto__, constructor or polluted key', async () => {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.getOwnPropertyNames(Object.prototype).filter((n) => ['polluted', 'isAdmin'].includes(n))).toEqual([]);
      const stored = [...(await snapshot()).values()].join('\n');
      expect(stored).not.toMatch(/"(__proto__|constructor|polluted)"/);
      for (const marker of ['corpus-top', 'corpus-nested', 'corpus-record', 'corpus-constructor', 'corpus-owned', 'corpus-twice']) expect(stored).not.toContain(marker);
    });
  });

  describe('inputs accepted by design: stored cleaned', () => {
    const recipeKeys = () => Object.entries(bodyRouteRecipes(PLACEHOLDER_FIXTURE));
    // Completing the task resolves the fixture ticket, so the routes with an `order` come after the others.
    const ordered = recipeKeys()
      .sort(([a, ra], [b, rb]) => (ra.order ?? 0) - (rb.order ?? 0) || a.localeCompare(b))
      .map(([key]) => key);
    const MESSAGE_EVENTS = ['message.agent', 'info.requested', 'note.internal', 'message.customer'];

    /** What the route stored, shaped like its body where free text is concerned (read back through the API or the read model). */
    async function storedBody(key: string, recipe: Recipe, answer: Answer, lastSeq: number): Promise<Json> {
      const get = async (url: string) => (await send('get', url, { bytes: Buffer.alloc(0) }, keys.admin)).json as JsonObject;
      if (key === 'POST /api/webchat/{channelId}/messages') return storedVisitorMessage(answer.json!.clientMessageId as string);
      if (key === 'POST /api/tickets') {
        const t = await eventually(() => TicketModel.findById(answer.json!.id as string).lean());
        return { subject: t.subject, description: t.description, customer: { name: t.contact?.name ?? null } };
      }
      if (recipe.url.endsWith('/replies') || recipe.url.endsWith('/info-requests') || recipe.url.endsWith('/notes') || recipe.url.endsWith('/messages')) {
        const event = await eventually(() => TicketEventModel.findOne({ ticketId: fixtureTicketId, seq: { $gt: lastSeq }, type: { $in: MESSAGE_EVENTS } }).sort({ seq: 1 }).lean());
        return { body: event.data.body as string };
      }
      if (key === 'POST /api/processes') return get(`/api/processes/${CORPUS_IDS.process}`);
      if (key === 'POST /api/api-keys') return { name: ((await get('/api/api-keys')).items as JsonObject[]).find((k) => k.id === answer.json!.id)!.name! };
      return get(recipe.url); // the configuration PUTs: read the object back
    }
    const lastEventSeq = async () => (await TicketEventModel.findOne({ ticketId: fixtureTicketId }).sort({ seq: -1 }).lean())?.seq ?? 0;

    it.each(ordered)('%s', async (key) => {
      const route = bodyRoutes.find((r) => routeKey(r) === key)!;
      const recipe = recipes[key]!;
      const credential = credentialFor(route, keys);
      logs.length = 0;
      const control = await send(route.method, recipe.url, { bytes: Buffer.from(JSON.stringify(recipe.valid)) }, credential, recipe.headers);
      expect(control.status < 300 ? 'accepted' : control.text).toBe('accepted'); // the valid body itself
      const failures: string[] = [];
      for (const c of recipe.text.length ? SANITISED : []) {
        const body = recipe.text.reduce((v, f) => setAt(v, f.path, c.input), recipe.valid);
        const seq = await lastEventSeq();
        const answer = await send(route.method, recipe.url, { bytes: Buffer.from(JSON.stringify(body)) }, credential, recipe.headers);
        if (answer.status >= 300) {
          failures.push(`${c.name}: status ${answer.status}: ${answer.text.slice(0, 300)}`);
          continue;
        }
        const stored = await storedBody(key, recipe, answer, seq);
        for (const f of recipe.text) {
          const value = getAt(stored, f.path);
          if (value !== c.stored[f.lines]) failures.push(`${c.name}: ${f.path.join('.')} stored as ${JSON.stringify(value)}, expected ${JSON.stringify(c.stored[f.lines])}`);
        }
      }
      expect(failures).toEqual([]);
      expect(loggedPersonalData()).toEqual([]);
    });

    it('sends no mail to an injected address and no mail with an injected header line', async () => {
      // The intake whose subject and name carried "\r\nBcc: …": its acknowledgement has them inside the subject line.
      const ack = await waitForMail(h.smtp, (m) => (mailHeader(m, 'Subject') ?? '').includes('Ottoline Quarrington Bcc: spy@attacker.example'), 30_000);
      expect(ack.envelope.to).toEqual([CORPUS_CUSTOMER.email]);
      for (const mail of h.smtp.messages) {
        const headerLines = (mail.raw.split(/\r?\n\r?\n/, 1)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
        expect({ to: mail.envelope.to.filter((a) => !/@(staff\.test|example\.test|corpus\.example)$/.test(a)) }).toEqual({ to: [] });
        expect(headerLines.filter((l) => /^(bcc|cc|x-injected):/i.test(l))).toEqual([]);
      }
    });

    it('stores no control character, bidi override, lone surrogate or U+FFFD anywhere, and logs no personal data', async () => {
      const stored = [...(await snapshot()).entries()].map(([name, docs]) => [name, JSON.parse(docs) as Json] as const);
      const bad: string[] = [];
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      const NOT_TEXT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202d\u202e\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
      const walk = (v: Json, where: string) => {
        if (typeof v === 'string') {
          if (NOT_TEXT.test(v)) bad.push(`${where}: ${JSON.stringify(v).slice(0, 120)}`);
        } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x as Json, `${where}.${k}`);
      };
      for (const [name, docs] of stored) walk(docs, name);
      expect(bad).toEqual([]);
      expect(loggedPersonalData()).toEqual([]);
    });
  });
});
