/**
 * One ticket's whole life over the HTTP API, as the customer's and the staff's clients would drive it: open with a
 * refund, claim the review task, reply, complete it, approve, see it resolved, answer the survey from its mail. Each
 * asynchronous step is awaited by polling the staff view.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { intakeBody } from './bodies';
import { expectStatus, httpRequest, type HttpResponse } from './http-client';
import type { SurveyMail, SurveyMails } from './lifecycle-mail';
import type { LifecycleKeys } from './lifecycle-setup';

/** HTTP calls (each timed alone) and asynchronous steps (timed from the 2xx of the action that caused them). */
export const LIFECYCLE_STEPS = ['open', 'taskVisible', 'claim', 'reply', 'complete', 'approvalVisible', 'approve', 'resolvedVisible', 'surveyMail', 'vote', 'voteAccepted', 'poll'] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** How often a waiting client reads the staff view: the resolution of the asynchronous steps' latencies. */
export const POLL_MS = 50;
/** How long any one step may take before the ticket counts as failed. */
const STEP_TIMEOUT_MS = 60_000;

export interface LifecycleContext {
  baseUrl: string;
  keys: LifecycleKeys;
  mails: SurveyMails;
  /** Where each step's latencies go; null for warm-up tickets. */
  latencies: Record<LifecycleStep, number[]> | null;
  /** Tickets whose vote was answered 404 because the mail came before the workflow recorded the survey as sent (then retried). */
  earlyVotes: { count: number };
}

const OpenedSchema = z.object({ id: z.string() });
const StaffViewSchema = z.object({
  status: z.string(),
  task: z.object({ taskId: z.string(), stepId: z.string() }).nullable(),
  approvals: z.array(z.object({ approvalId: z.string(), status: z.string() })),
});
type StaffView = z.infer<typeof StaffViewSchema>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function note(ctx: LifecycleContext, step: LifecycleStep, since: number): void {
  ctx.latencies?.[step].push(performance.now() - since);
}

/** POSTs `body` and expects `status`; the call's latency goes to `step`. */
async function post(ctx: LifecycleContext, step: LifecycleStep, path: string, body: unknown, headers: Record<string, string>, status = 200): Promise<HttpResponse> {
  const started = performance.now();
  const res = await httpRequest(ctx.baseUrl, 'POST', path, body, headers);
  expectStatus(res.status, status, res.body, `${step}: POST ${path}`);
  note(ctx, step, started);
  return res;
}

/** Polls the staff view until `ready` holds (404 while the ticket has not reached support yet); times it as `step` from `since`. */
async function visible(ctx: LifecycleContext, step: LifecycleStep, ticketId: string, since: number, ready: (v: StaffView) => boolean): Promise<StaffView> {
  for (;;) {
    const started = performance.now();
    const res = await httpRequest(ctx.baseUrl, 'GET', `/api/tickets/${ticketId}`, undefined, bearer(ctx.keys.agent));
    note(ctx, 'poll', started);
    if (res.status !== 404) expectStatus(res.status, 200, res.body, 'GET /api/tickets/{id}');
    const view = res.status === 200 ? StaffViewSchema.parse(JSON.parse(res.body)) : null;
    if (view && ready(view)) {
      note(ctx, step, since);
      return view;
    }
    if (performance.now() - since > STEP_TIMEOUT_MS) throw new Error(`${step}: not seen within ${STEP_TIMEOUT_MS / 1000} s`);
    await sleep(POLL_MS);
  }
}

/**
 * The customer votes 5 from the mail's link at once; a 404 before the workflow marked the survey sent is tried again.
 * `vote` times the accepted call, `voteAccepted` the whole wait from the mail's arrival.
 */
async function vote(ctx: LifecycleContext, mail: SurveyMail): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const res = await httpRequest(ctx.baseUrl, 'POST', `/api/surveys/${mail.token}`, { score: 5, comment: 'Quick and kind' });
    if (res.status === 200) {
      note(ctx, 'vote', started);
      return note(ctx, 'voteAccepted', mail.arrivedAt);
    }
    if (res.status !== 404 || performance.now() - mail.arrivedAt > STEP_TIMEOUT_MS) expectStatus(res.status, 200, res.body, 'vote: POST /api/surveys/{token}');
    if (attempt === 1) ctx.earlyVotes.count += 1;
    await sleep(POLL_MS);
  }
}

/** Ticket number `i` from intake to its answered survey; throws at the first step that fails. */
export async function runLifecycle(ctx: LifecycleContext, i: number): Promise<void> {
  const body = { ...intakeBody(i), subject: 'Please refund my order', refund: { amount: 5_000, currency: 'USD', paymentId: `pi_bench_${i}` } };
  const opened = await post(ctx, 'open', '/api/tickets', body, { 'idempotency-key': randomUUID() }, 201);
  const { id } = OpenedSchema.parse(JSON.parse(opened.body));
  const { task } = await visible(ctx, 'taskVisible', id, performance.now(), (v) => v.task?.stepId === 'review');
  const agent = bearer(ctx.keys.agent);
  await post(ctx, 'claim', `/api/tickets/${id}/claim`, { taskId: task!.taskId }, agent);
  await post(ctx, 'reply', `/api/tickets/${id}/replies`, { body: 'Thanks, I am checking the order and will refund it today.' }, agent);
  await post(ctx, 'complete', `/api/tickets/${id}/complete`, { taskId: task!.taskId, outcome: 'refund' }, agent);
  const pending = await visible(ctx, 'approvalVisible', id, performance.now(), (v) => v.approvals.some((a) => a.status === 'pending'));
  const { approvalId } = pending.approvals.find((a) => a.status === 'pending')!;
  await post(ctx, 'approve', `/api/tickets/${id}/approvals/${approvalId}/approve`, { reason: 'Order checked: the refund is due' }, bearer(ctx.keys.approver));
  const approved = performance.now();
  await visible(ctx, 'resolvedVisible', id, approved, (v) => v.status === 'resolved');
  const mail = await ctx.mails.of(id, STEP_TIMEOUT_MS);
  ctx.latencies?.surveyMail.push(mail.arrivedAt - approved);
  await vote(ctx, mail);
}
