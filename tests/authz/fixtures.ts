/** The callers' credentials and the objects of the authorization matrix, made through the real intake and config. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createApiKey } from '../../api/middleware/auth';
import { ticketWorkflowId } from '../../domain/ticket';
import { surveyToken } from '../../services/surveys/survey-token';
import { ApiKeyModel, revokeApiKey } from '../../models/api-key.model';
import { getDepartmentDoc } from '../../models/department.model';
import { InboundAttachmentModel } from '../../models/inbound-attachment.model';
import { InboundMessageModel } from '../../models/inbound-message.model';
import { getLatestProcessDoc } from '../../models/process.model';
import { getRegionDoc } from '../../models/region.model';
import { getChannelDoc, saveChannel } from '../../services/channels/channel-store';
import { getSlaPolicyDoc } from '../../models/sla-policy.model';
import { CustomerMergeModel } from '../../models/customer-merge.model';
import { CustomerModel } from '../../models/customer.model';
import { TicketEventModel } from '../../models/ticket-event.model';
import { findOrCreateCustomer } from '../../services/customers/find-or-create-customer';
import { mergeCustomers } from '../../services/customers/merge-customers';
import { getTriageRulesDoc } from '../../models/triage-rules.model';
import { ticketSnapshotQuery } from '../../workflows/messages';
import type { Harness } from '../support/harness';
import { act, eventWhen, openTicket, readTicket, ticketBody, ticketWhen } from '../support/tickets';
import { CALLERS, DEPARTMENT_IDS, TARGETS, type Caller, type Dept, type Target, type TargetName } from './authorization-matrix';

/** Data of one shared object that must never reach a caller outside its department. */
export interface Owner {
  name: TargetName;
  department?: Dept;
  /** What only staff see (internal notes, the task): never in a public answer, even about this object. */
  staffOnly?: boolean;
  tokens: string[];
}

/** The tickets a success changes: each such success gets its own, opened before the rows run. */
export const FRESH_TICKETS = ['ticketA', 'ticketB', 'ticketMovedFromA', 'approvalA'] as const;
export type FreshTicket = (typeof FRESH_TICKETS)[number];

export interface Fixtures {
  /** The Authorization header each caller sends (none for anonymous). */
  authorization: Record<Caller, string | undefined>;
  targets: Record<TargetName, Target>;
  owners: Owner[];
  /** An object like `name` for a success that changes it. */
  fresh(name: TargetName): Promise<Target>;
  /** What a refused request must leave as it was; null when nothing can change. */
  state(name: TargetName): Promise<unknown>;
}

/** A METRICS_TOKEN for the harness (≥ 32 characters). */
export const METRICS_TOKEN = `metrics-${randomBytes(24).toString('hex')}`;

/** Events that only a staff or customer action records: a refused action must add none. */
const ACTION_EVENTS = ['task.claimed', 'task.completed', 'message.customer', 'message.agent', 'info.requested', 'note.internal', 'ticket.resolved', 'approval.answered', 'ticket.priority_changed'];

/** A member of each department whom claims name (any member of the task's department may be named). */
const CLAIMED_FOR: Record<Dept, string> = { A: 'bruno', B: 'nora', C: 'eve' };

interface Opened {
  target: Target;
  /** What the customer and staff see, and what only staff see. */
  tokens: string[];
  staffTokens: string[];
  customerEmail: string;
  idempotencyKey: string;
}

/** Opens a ticket through the public intake and waits until routing placed its first task in `dept` (A or B). */
async function openTicketIn(h: Harness, dept: 'A' | 'B'): Promise<Opened> {
  const tag = randomBytes(5).toString('hex');
  const customerEmail = `customer-${tag}@example.test`;
  // The test triage rules send "nightowl" tickets to the night desk (B), everything else to support (A).
  const subject = dept === 'B' ? `nightowl order ${tag} never arrived` : `Order ${tag} never arrived`;
  const idempotencyKey = randomUUID();
  const opened = await openTicket(h, ticketBody({ subject }, { email: customerEmail, name: `Customer ${tag}` }), idempotencyKey);
  const ticket = await ticketWhen(opened.id, (t) => t.task?.departmentId === DEPARTMENT_IDS[dept]);
  const taskId = ticket.task!.taskId;
  const name = dept === 'A' ? 'ticketA' : 'ticketB';
  const file = await attachFile(opened.id, tag);
  const target: Target = { ...TARGETS[name], params: { id: opened.id, code: opened.queryCode, token: surveyToken(h.config.secret, opened.id), sha256: file.sha256 }, taskId, memberId: CLAIMED_FOR[dept] };
  return { target, tokens: [opened.id, opened.queryCode, subject, customerEmail], staffTokens: [taskId, ...file.tokens], customerEmail, idempotencyKey };
}

/** A file the customer mailed in on the ticket (stored as e-mail intake stores it): what its attachment routes serve. */
async function attachFile(ticketId: string, tag: string): Promise<{ sha256: string; tokens: string[] }> {
  const filename = `receipt-${tag}.txt`;
  const content = Buffer.from(`receipt number ${tag}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const at = new Date();
  await InboundAttachmentModel.create({ _id: sha256, contentType: 'text/plain', size: content.length, data: content, createdAt: at });
  await InboundMessageModel.create({
    _id: `email:<${tag}@authz.example>`,
    channelId: 'email',
    kind: 'email',
    platformMessageId: `<${tag}@authz.example>`,
    from: { platformUserId: `customer-${tag}@example.test` },
    attachments: [{ filename, contentType: 'text/plain', size: content.length, sha256, inline: false }],
    sentAt: at,
    receivedAt: at,
    status: 'routed',
    ticketId,
    routed: 'continued',
    routedAt: at,
  });
  return { sha256, tokens: [filename, `receipt number ${tag}`] };
}

/** Adds an internal note to a shared ticket (before the matrix runs): what no public answer may ever show. */
async function addInternalNote(h: Harness, opened: Opened): Promise<void> {
  const note = `Internal ${randomBytes(5).toString('hex')}: refund approved by finance`;
  const id = opened.target.params.id!;
  const res = await act(h, id, 'notes', { body: note });
  if (res.status !== 200) throw new Error(`noting ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  await eventWhen(id, 'note.internal', (e) => e.data.body === note);
  opened.staffTokens.push(note);
}

/** A ticket of A whose task was completed "escalate": its current task is in C, A keeps read access. */
async function openMovedTicket(h: Harness): Promise<Target> {
  const { target } = await openTicketIn(h, 'A');
  const id = target.params.id!;
  const res = await act(h, id, 'complete', { taskId: target.taskId, outcome: 'escalate' });
  if (res.status !== 200) throw new Error(`escalating ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  const moved = await ticketWhen(id, (t) => t.task?.departmentId === DEPARTMENT_IDS.C);
  return { ...TARGETS.ticketMovedFromA, params: target.params, taskId: moved.task!.taskId, memberId: CLAIMED_FOR.C };
}

/** A ticket of A whose check is done and whose sign-off waits for a team lead of A. */
async function openApprovalTicket(h: Harness): Promise<Target> {
  const opened = await openTicket(h, ticketBody({ subject: `signoffme ${randomBytes(5).toString('hex')}` }));
  const checked = await ticketWhen(opened.id, (t) => t.task?.stepId === 'check');
  const res = await act(h, opened.id, 'complete', { taskId: checked.task!.taskId, outcome: 'done' });
  if (res.status !== 200) throw new Error(`checking ${opened.id}: ${res.status} ${JSON.stringify(res.body)}`);
  await ticketWhen(opened.id, (t) => t.approvals?.[0]?.levels[0]?.status === 'pending' && (t.departmentIds ?? []).includes(DEPARTMENT_IDS.A));
  return { ...TARGETS.approvalA, params: { id: opened.id, approvalId: 'sign-off-1' } };
}

const openFresh = (h: Harness, name: FreshTicket): Promise<Target> => {
  if (name === 'ticketMovedFromA') return openMovedTicket(h);
  if (name === 'approvalA') return openApprovalTicket(h);
  return openTicketIn(h, name === 'ticketA' ? 'A' : 'B').then((o) => o.target);
};

/** Two customers without tickets (made as intake makes them): the second to be merged into the first. */
async function customerPair(): Promise<Target> {
  const tag = randomBytes(5).toString('hex');
  const [survivor, source] = await Promise.all([findOrCreateCustomer({ email: `survivor-${tag}@example.test` }), findOrCreateCustomer({ email: `source-${tag}@example.test` })]);
  return { ...TARGETS.customerPair, params: { id: survivor.id }, body: { sourceId: source.id } };
}

/** A merge of a fresh pair, done, nothing written since. */
async function customerMerge(): Promise<Target> {
  const pair = await customerPair();
  const m = await mergeCustomers(pair.params.id!, String(pair.body?.sourceId), { type: 'api_key', id: 'fixtures' });
  return { ...TARGETS.customerMerge, params: { id: pair.params.id!, mergeId: m._id } };
}

/** The same code with its last character changed: a near miss that no ticket has. */
function nearMiss(code: string): string {
  return code.slice(0, -1) + (code.endsWith('Z') ? 'Y' : 'Z');
}

/** Runs `make` `count` times, at most `parallel` at once. */
async function pooled<T>(count: number, parallel: number, make: () => Promise<T>): Promise<T[]> {
  let started = 0;
  const out: T[] = [];
  const worker = async () => {
    for (; started < count; ) {
      started += 1;
      out.push(await make());
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}

async function keysFor(h: Harness): Promise<Fixtures['authorization']> {
  const authorization = {} as Fixtures['authorization'];
  for (const [caller, spec] of Object.entries(CALLERS) as Array<[Caller, (typeof CALLERS)[Caller]]>) {
    if ('credential' in spec) {
      if (spec.credential === 'metricsToken') authorization[caller] = `Bearer ${METRICS_TOKEN}`;
      if (spec.credential === 'revokedKey') {
        const { id, key } = await createApiKey({ name: 'revoked admin', role: 'admin' }, h.config.secret);
        await revokeApiKey(id, new Date());
        authorization[caller] = `Bearer ${key}`;
      }
      continue;
    }
    const departmentIds = 'departments' in spec ? spec.departments.map((d) => DEPARTMENT_IDS[d]) : [];
    const memberId = 'memberId' in spec ? spec.memberId : undefined;
    authorization[caller] = `Bearer ${(await createApiKey({ name: caller, role: spec.role, departmentIds, memberId }, h.config.secret)).key}`;
  }
  return authorization;
}

/** A stored configuration body (what a PUT sends back). */
function bodyOf(doc: { body: unknown } | null, what: string): Record<string, unknown> {
  if (!doc) throw new Error(`${what} is not seeded`);
  return doc.body as Record<string, unknown>;
}

const AUTHZ_CHANNEL = 'wa-authz';

/** A WhatsApp channel (credentials sealed, never part of the body a PUT sends back). */
async function authzChannel(h: Harness): Promise<Target> {
  const body = { id: AUTHZ_CHANNEL, kind: 'whatsapp' as const, name: 'WhatsApp', regionId: 'test-utc', enabled: true, accountId: '114896151713920' };
  await saveChannel({ ...body, secrets: { appSecret: 'authz-app-secret', accessToken: 'authz-access-token', verifyToken: 'authz-verify-token' } }, h.config, 'test');
  return { ...TARGETS.channel, params: { id: AUTHZ_CHANNEL, channelId: AUTHZ_CHANNEL }, body };
}

/**
 * Callers' keys; tickets of A, of B and moved from A to C through the real intake and workflow; the seeded
 * configuration; a victim API key of B; and `freshCount` more tickets of each kind for the successes that change one.
 */
export async function makeFixtures(h: Harness, freshCount: Record<FreshTicket, number>): Promise<Fixtures> {
  const authorization = await keysFor(h);
  const [a, b, moved, approval] = await Promise.all([openTicketIn(h, 'A'), openTicketIn(h, 'B'), openMovedTicket(h), openApprovalTicket(h)]);
  await Promise.all([addInternalNote(h, a), addInternalNote(h, b)]);
  const pools = {} as Record<FreshTicket, Target[]>;
  for (const name of FRESH_TICKETS) pools[name] = await pooled(freshCount[name], 4, () => openFresh(h, name));
  const victim = async () => (await createApiKey({ name: 'victim', role: 'agent', departmentIds: [DEPARTMENT_IDS.B] }, h.config.secret)).id;
  const process = await getLatestProcessDoc('general');
  if (!process) throw new Error('process "general" is not seeded');
  const config = async (name: TargetName, id: string, doc: Promise<{ body: unknown } | null>): Promise<Target> => ({ ...TARGETS[name], params: { id }, body: bodyOf(await doc, name) });
  const targets: Record<TargetName, Target> = {
    nothing: { ...TARGETS.nothing, params: {} },
    ticketA: a.target,
    ticketB: b.target,
    ticketMovedFromA: moved,
    approvalA: approval,
    nearMissCodeB: { ...TARGETS.nearMissCodeB, params: { code: nearMiss(b.target.params.code!) } },
    // To the night desk (B) again: B's customer stays one that only B's agents see (GET /api/customers rows).
    customerB: { ...TARGETS.customerB, params: {}, body: ticketBody({ subject: 'nightowl another question' }, { email: b.customerEmail, name: 'Someone Else' }) },
    intakeKeyOfB: { ...TARGETS.intakeKeyOfB, params: {}, body: ticketBody({ subject: 'Guessing a key' }), headers: { 'Idempotency-Key': b.idempotencyKey } },
    departmentA: await config('departmentA', DEPARTMENT_IDS.A, getDepartmentDoc(DEPARTMENT_IDS.A)),
    departmentB: await config('departmentB', DEPARTMENT_IDS.B, getDepartmentDoc(DEPARTMENT_IDS.B)),
    region: await config('region', 'test-utc', getRegionDoc('test-utc')),
    slaPolicy: await config('slaPolicy', 'test-policy', getSlaPolicyDoc('test-policy')),
    triageRules: { ...(await config('triageRules', '', getTriageRulesDoc())), params: {} },
    process: { ...TARGETS.process, params: { id: 'general', version: String(process.version) }, body: process.definition as unknown as Record<string, unknown> },
    apiKeyB: { ...TARGETS.apiKeyB, params: { id: await victim() } },
    channel: await authzChannel(h),
    customerOfA: { ...TARGETS.customerOfA, params: { id: (await readTicket(a.target.params.id!)).customerId } },
    customerOfB: { ...TARGETS.customerOfB, params: { id: (await readTicket(b.target.params.id!)).customerId } },
    customerPair: await customerPair(),
    customerMerge: await customerMerge(),
  };
  const owners: Owner[] = [
    { name: 'ticketA', department: 'A', tokens: a.tokens },
    { name: 'ticketA', department: 'A', staffOnly: true, tokens: a.staffTokens },
    { name: 'ticketB', department: 'B', tokens: b.tokens },
    { name: 'ticketB', department: 'B', staffOnly: true, tokens: b.staffTokens },
    // Its members' ids as JSON strings, their addresses and names (not the department's id: tracking calls staff "support").
    { name: 'departmentA', department: 'A', tokens: ['"alice"', '"bruno"', '"lena-lead"', 'alice@staff.test', 'bruno@staff.test', 'lena@staff.test', 'Lena Lead'] },
    { name: 'departmentB', department: 'B', tokens: ['"nora"', 'nora@staff.test', 'Nora Night', 'Night desk'] },
  ];

  const ticketState = async (t: Target) => {
    const id = t.params.id!;
    const snapshot = await h.client.workflow.getHandle(ticketWorkflowId(id)).query(ticketSnapshotQuery);
    return { snapshot, actions: await TicketEventModel.countDocuments({ ticketId: id, type: { $in: ACTION_EVENTS } }) };
  };
  const configState: Partial<Record<TargetName, () => Promise<unknown>>> = {
    departmentA: () => getDepartmentDoc(DEPARTMENT_IDS.A),
    departmentB: () => getDepartmentDoc(DEPARTMENT_IDS.B),
    region: () => getRegionDoc('test-utc'),
    slaPolicy: () => getSlaPolicyDoc('test-policy'),
    triageRules: getTriageRulesDoc,
    process: async () => (await getLatestProcessDoc('general'))?.version,
    channel: () => getChannelDoc(AUTHZ_CHANNEL),
    apiKeyB: async () => ({ keys: await ApiKeyModel.countDocuments({}), victim: (await ApiKeyModel.findById(targets.apiKeyB.params.id).lean())?.revokedAt ?? null }),
    customerOfA: () => CustomerModel.findById(targets.customerOfA.params.id).lean(),
    customerOfB: () => CustomerModel.findById(targets.customerOfB.params.id).lean(),
    customerPair: () => CustomerModel.find({ _id: { $in: [targets.customerPair.params.id, targets.customerPair.body?.sourceId] } }).sort({ _id: 1 }).lean(),
    customerMerge: async () => (await CustomerMergeModel.findById(targets.customerMerge.params.mergeId).lean())?.state,
  };

  return {
    authorization,
    targets,
    owners,
    async fresh(name) {
      if (name === 'apiKeyB') return { ...targets.apiKeyB, params: { id: await victim() } };
      if (name === 'customerPair') return customerPair();
      if (name === 'customerMerge') return customerMerge();
      if (!(FRESH_TICKETS as readonly string[]).includes(name)) throw new Error(`no fresh ${name}`);
      return pools[name as FreshTicket].pop() ?? openFresh(h, name as FreshTicket);
    },
    async state(name) {
      if (name === 'ticketA' || name === 'ticketB' || name === 'ticketMovedFromA' || name === 'approvalA') return ticketState(targets[name]);
      if (name === 'nearMissCodeB' || name === 'intakeKeyOfB') return ticketState(targets.ticketB);
      return (await configState[name]?.()) ?? null;
    },
  };
}
