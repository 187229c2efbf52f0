/**
 * Department actions and customer replies, as validated updates on the ticket workflow. Validators judge a request
 * against the ticket as it is now (task, department, phase); handlers apply it, record it and answer at once —
 * anything sent to the customer goes through the outbound queue and never holds up the answer.
 */
import { setHandler } from '@temporalio/workflow';
import type { Actor } from '../domain/ticket-events';
import { registerApprovalHandlers } from './approval-handlers';
import { registerSurveyHandler } from './survey-handler';
import * as m from './messages';
import { enqueueOutbound } from './outbound';
import { meetClocks, pauseClock, resumeClock, retargetClocks, startClock } from './sla-clocks';
import { isOpen } from '../domain/sla-clock';
import { record } from './ticket-recorder';
import type { TaskState, TicketState } from './ticket-state';
import { currentTasks, findCurrentTask } from './ticket-tasks';
import { ticketStatus } from './ticket-views';

/** Requests remembered for answering retries; older ones fall off (a client retries within minutes, not days). */
const HANDLED_LIMIT = 200;
const CUSTOMER: Actor = { type: 'customer', id: 'customer' };


function assertOpen(s: TicketState): void {
  if (s.phase === 'closed') m.rejectAction('TICKET_CLOSED', 'the ticket is closed');
}

/** The caller's departments must hold a current task (scope null: any department). */
function assertInScope(s: TicketState, scope: m.ActionScope | undefined): void {
  if (!scope) return;
  if (!currentTasks(s).some((t) => scope.includes(t.departmentId))) m.rejectAction('TICKET_NOT_FOUND', 'the ticket is not in your departments');
}

/** The open task a claim or completion names; in a parallel step, another branch's task is not the caller's to act on. */
function assertCurrentTask(s: TicketState, taskId: string, scope: m.ActionScope | undefined): TaskState {
  assertOpen(s);
  const task = findCurrentTask(s, taskId);
  if (!task) m.rejectAction('TASK_NOT_FOUND', `task ${taskId} is not the ticket's current task`);
  if (scope && !scope.includes(task.departmentId)) m.rejectAction('TASK_NOT_FOUND', `task ${taskId} is not in your departments`);
  if (task.status === 'done') m.rejectAction('INVALID_TRANSITION', `task ${taskId} is already completed`);
  return task;
}

function result(s: TicketState, seq: number, taskId?: string): m.TicketActionResult {
  return { status: ticketStatus(s), taskId: taskId ?? currentTasks(s)[0]?.taskId ?? null, seq };
}

function handledSeq(s: TicketState, requestId: string | undefined): number | undefined {
  return requestId === undefined ? undefined : s.handled.find((h) => h.id === requestId)?.seq;
}

/** Validates a request unless it was applied already (then the handler answers with the earlier result). */
function validateOnce(s: TicketState, requestId: string | undefined, validate: () => void): void {
  if (handledSeq(s, requestId) === undefined) validate();
}

/** Applies a request once per request id; a retry gets the answer of the first application. */
async function once(s: TicketState, requestId: string | undefined, apply: () => Promise<number>, taskId?: string): Promise<m.TicketActionResult> {
  const earlier = handledSeq(s, requestId);
  if (earlier !== undefined) return result(s, earlier, taskId);
  const seq = await apply();
  if (requestId !== undefined) {
    s.handled.push({ id: requestId, seq });
    if (s.handled.length > HANDLED_LIMIT) s.handled.splice(0, s.handled.length - HANDLED_LIMIT);
  }
  return result(s, seq, taskId);
}

/** A public staff message: meets the running response targets, is recorded, and is queued for the customer. */
async function publicMessage(s: TicketState, type: 'message.agent' | 'info.requested', input: m.StaffMessageInput): Promise<number> {
  const now = Date.now();
  const met = await meetClocks(s, ['firstResponse', 'nextResponse'], now);
  s.firstRespondedAtMs ??= now;
  // Only a reply that names a template carries one: every other message records and queues exactly what it did before.
  const template = input.template ? { template: input.template } : {};
  const seq = await record(s, type, input.actor, { messageId: input.messageId, body: input.body, met, ...template });
  enqueueOutbound(s, { key: `${s.ticketId}:reply:${input.messageId}`, kind: type === 'message.agent' ? 'agent-reply' : 'info-request', body: input.body, ...template });
  return seq;
}

/** Reopens a resolved ticket: the lifecycle opens a new task on the last step; resolution and next response restart. */
async function reopen(s: TicketState, messageId: string, body: string): Promise<number> {
  const now = Date.now();
  s.phase = 'working';
  s.task = null;
  s.parallel = null;
  s.reopenCount += 1;
  s.resolvedAtMs = null;
  s.closesAtMs = null;
  const seq = await record(s, 'message.customer', CUSTOMER, { messageId, body });
  await record(s, 'ticket.reopened', CUSTOMER, { reopenCount: s.reopenCount });
  await startClock(s, 'resolution', now);
  await startClock(s, 'nextResponse', now);
  return seq;
}

/** Answering a request once per request id, bound to one ticket (approval handlers use it too). */
export interface RequestGuard {
  once(requestId: string | undefined, apply: () => Promise<number>): Promise<m.TicketActionResult>;
  validateOnce(requestId: string | undefined, validate: () => void): void;
}

export function requestGuard(s: TicketState): RequestGuard {
  return { once: (id, apply) => once(s, id, apply), validateOnce: (id, validate) => validateOnce(s, id, validate) };
}

/** Registers the update handlers: department actions and customer replies change the state the lifecycle waits on. */
export function registerTicketHandlers(s: TicketState): void {
  registerApprovalHandlers(s, requestGuard(s));
  registerSurveyHandler(s, requestGuard(s));
  setHandler(
    m.claimTaskUpdate,
    (input) =>
      once(
        s,
        input.requestId,
        async () => {
          const task = findCurrentTask(s, input.taskId)!;
          task.assigneeId = input.memberId;
          task.status = 'claimed';
          return record(s, 'task.claimed', input.actor, { taskId: input.taskId, memberId: input.memberId });
        },
        input.taskId,
      ),
    {
      validator: (input) =>
        validateOnce(s, input.requestId, () => {
          assertInScope(s, input.scope);
          assertCurrentTask(s, input.taskId, input.scope);
        }),
    },
  );

  setHandler(m.replyToCustomerUpdate, (input) => once(s, input.messageId, () => publicMessage(s, 'message.agent', input)), {
    validator: (input) =>
      validateOnce(s, input.messageId, () => {
        assertOpen(s);
        assertInScope(s, input.scope);
      }),
  });

  setHandler(
    m.requestInfoUpdate,
    (input) =>
      once(s, input.messageId, async () => {
        s.waitingOnCustomer = true;
        pauseClock(s, 'resolution', Date.now());
        return publicMessage(s, 'info.requested', input);
      }),
    {
      validator: (input) =>
        validateOnce(s, input.messageId, () => {
          assertOpen(s);
          assertInScope(s, input.scope);
          if (s.phase !== 'working') m.rejectAction('INVALID_TRANSITION', 'information can only be requested while the ticket is being worked');
        }),
    },
  );

  setHandler(
    m.addInternalNoteUpdate,
    (input) => once(s, input.messageId, () => record(s, 'note.internal', input.actor, { messageId: input.messageId, body: input.body })),
    {
      validator: (input) =>
        validateOnce(s, input.messageId, () => {
          assertOpen(s);
          assertInScope(s, input.scope);
        }),
    },
  );

  setHandler(
    m.completeTaskUpdate,
    (input) =>
      once(
        s,
        input.requestId,
        async () => {
          const task = findCurrentTask(s, input.taskId)!;
          task.status = 'done';
          task.outcome = input.outcome;
          task.completedBy = input.actor.type === 'member' ? input.actor.id : null;
          const branch = task.branchId ? { branchId: task.branchId } : {};
          return record(s, 'task.completed', input.actor, { taskId: input.taskId, outcome: input.outcome, stepId: task.stepId, ...branch });
        },
        input.taskId,
      ),
    {
      validator: (input) =>
        validateOnce(s, input.requestId, () => {
          assertInScope(s, input.scope);
          const task = assertCurrentTask(s, input.taskId, input.scope);
          if (!task.allowedOutcomes.includes(input.outcome)) m.rejectAction('VALIDATION_FAILED', `outcome must be one of: ${task.allowedOutcomes.join(', ')}`);
        }),
    },
  );

  setHandler(
    m.changePriorityUpdate,
    (input) =>
      once(s, input.requestId, async () => {
        const from = s.priority;
        if (from === input.priority) return s.seq; // already so: nothing to record
        s.priority = input.priority;
        const retargeted = await retargetClocks(s, Date.now());
        return record(s, 'ticket.priority_changed', input.actor, { from, to: input.priority, reason: input.reason, retargeted });
      }),
    {
      validator: (input) =>
        validateOnce(s, input.requestId, () => {
          assertOpen(s);
          assertInScope(s, input.scope);
          if (s.phase === 'resolved') m.rejectAction('INVALID_TRANSITION', 'a resolved ticket keeps its priority; reopen it first');
          if (s.phase === 'new') m.rejectAction('INVALID_TRANSITION', 'the ticket is being triaged; set its priority once it is');
        }),
    },
  );

  setHandler(
    m.addCustomerMessageUpdate,
    ({ messageId, body, channel }) =>
      once(s, messageId, async () => {
        const now = Date.now();
        if (s.phase === 'resolved') return reopen(s, messageId, body);
        // A reply ends a process step waiting on the customer (its clock pause with it).
        const wait = s.step?.wait;
        if (wait && wait.repliedAtMs === null) wait.repliedAtMs = now;
        if (s.waitingOnCustomer) {
          s.waitingOnCustomer = false;
          await resumeClock(s, 'resolution', now);
        }
        if (s.firstRespondedAtMs !== null && s.plan && !isOpen(s.clocks.nextResponse)) await startClock(s, 'nextResponse', now);
        return record(s, 'message.customer', CUSTOMER, { messageId, body, ...(channel ? { channel } : {}) });
      }),
    { validator: ({ messageId }) => validateOnce(s, messageId, () => assertOpen(s)) },
  );
}
