import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TicketEventModel, type TicketEventDoc } from '../../models/ticket-event.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { eventually, type Harness } from './harness';

export interface OpenedTicket {
  id: string;
  queryCode: string;
  status: string;
  trackingUrl: string;
}

/** A valid intake body; override what the test is about. */
export function ticketBody(overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) {
  return {
    channel: 'web',
    subject: 'Where is my order?',
    description: 'I ordered a week ago and nothing arrived yet. Can you check please?',
    customer: { name: 'Clara Customer', email: `clara-${randomUUID().slice(0, 8)}@example.test`, regionId: 'test-utc', ...customer },
    ...overrides,
  };
}

/** How often a test client tries, as the API documents for a 503 or a dropped connection (same Idempotency-Key). */
const INTAKE_ATTEMPTS = 5;

const RETRIED_NETWORK_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED']);

/** One intake request; a connection the loaded machine dropped answers as a 503 would (try again). */
async function postIntake(h: Harness, body: object, key: string): Promise<{ status: number; body: unknown }> {
  try {
    return await request(h.app).post('/api/tickets').set('Idempotency-Key', key).send(body);
  } catch (err) {
    if (RETRIED_NETWORK_ERRORS.has((err as { code?: string }).code ?? '')) return { status: 503, body: { network: (err as Error).message } };
    throw err;
  }
}

/**
 * Opens a ticket through the public API, retrying a 503 or a dropped connection with the same key as a documented
 * client does (a loaded machine can time out a backing service), and waits until its workflow's first step wrote it.
 */
export async function openTicket(h: Harness, body: object = ticketBody(), key = randomUUID()): Promise<OpenedTicket> {
  let res = await postIntake(h, body, key);
  for (let attempt = 1; res.status === 503 && attempt < INTAKE_ATTEMPTS; attempt += 1) {
    await new Promise((r) => setTimeout(r, 1_000 * attempt));
    res = await postIntake(h, body, key);
  }
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  const opened = res.body as OpenedTicket;
  await eventually(() => TicketModel.exists({ _id: opened.id }));
  return opened;
}

export async function readTicket(id: string): Promise<TicketDoc> {
  const t = await TicketModel.findById(id).lean<TicketDoc>();
  if (!t) throw new Error(`ticket ${id} missing`);
  return t;
}

export async function eventsOf(id: string): Promise<TicketEventDoc[]> {
  return TicketEventModel.find({ ticketId: id }).sort({ seq: 1 }).lean();
}

/** Waits until the ticket's read model satisfies `predicate`. */
export function ticketWhen(id: string, predicate: (t: TicketDoc) => boolean, timeoutMs = 20_000): Promise<TicketDoc> {
  return eventually(async () => {
    const t = await readTicket(id);
    return predicate(t) ? t : undefined;
  }, timeoutMs);
}

/** Waits until the ticket has an event of `type` matching `where`. */
export function eventWhen(id: string, type: string, where: (e: TicketEventDoc) => boolean = () => true, timeoutMs = 20_000): Promise<TicketEventDoc> {
  return eventually(async () => (await eventsOf(id)).find((e) => e.type === type && where(e)), timeoutMs);
}

/** POSTs a staff action with the admin key. */
export function act(h: Harness, id: string, action: string, body: object, key = h.adminKey) {
  return request(h.app).post(`/api/tickets/${id}/${action}`).set('Authorization', `Bearer ${key}`).send(body);
}
