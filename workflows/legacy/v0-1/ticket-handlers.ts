/** Department actions and customer replies, as validated updates on the ticket workflow. */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { TicketActionResult } from '../../messages';
import * as m from '../../messages';
import { messaging } from './activity-options';
import { meetClock, pauseClock, resumeClock, startClock, isOpen } from './sla-clocks';
import { record } from './ticket-recorder';
import { ticketStatus, type TicketState } from './ticket-state';

function reject(type: m.ActionRejection, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function assertOpen(s: TicketState): void {
  if (s.phase === 'closed') reject('TICKET_CLOSED', 'the ticket is closed');
}

function assertCurrentTask(s: TicketState, taskId: string): void {
  assertOpen(s);
  if (!s.task || s.task.taskId !== taskId) reject('TASK_NOT_FOUND', `task ${taskId} is not the ticket's current task`);
  if (s.task.status === 'done') reject('INVALID_TRANSITION', `task ${taskId} is already completed`);
}

function result(s: TicketState, seq: number): TicketActionResult {
  return { status: ticketStatus(s), taskId: s.task?.taskId ?? null, seq };
}

/** A public staff message meets the response clocks that are running. */
function meetResponseClocks(s: TicketState, atMs: number): string[] {
  const met = (['firstResponse', 'nextResponse'] as const).filter((clock) => meetClock(s, clock, atMs));
  s.firstRespondedAtMs ??= atMs;
  return met;
}

/** A public staff message: meets the running response targets, is recorded, and goes to the customer by e-mail. */
async function sendPublicMessage(s: TicketState, type: 'message.agent' | 'info.requested', { messageId, body, actor }: m.StaffMessageInput): Promise<number> {
  const met = meetResponseClocks(s, Date.now());
  const seq = await record(s, type, actor, { messageId, body, met });
  await messaging.emailCustomerReply({ ticketId: s.ticketId, messageId, body });
  return seq;
}

/** Registers the update handlers: department actions and customer replies change the state the lifecycle waits on. */
export function registerTicketHandlers(s: TicketState): void {
  setHandler(
    m.claimTaskUpdate,
    async ({ taskId, memberId, actor }) => {
      const task = s.task!;
      task.assigneeId = memberId;
      task.status = 'claimed';
      return result(s, await record(s, 'task.claimed', actor, { taskId, memberId }));
    },
    { validator: ({ taskId }) => assertCurrentTask(s, taskId) },
  );

  setHandler(
    m.replyToCustomerUpdate,
    async (input) => result(s, await sendPublicMessage(s, 'message.agent', input)),
    { validator: (_input: unknown) => assertOpen(s) },
  );

  setHandler(
    m.requestInfoUpdate,
    async (input) => {
      s.waitingOnCustomer = true;
      await pauseClock(s, 'resolution', Date.now());
      return result(s, await sendPublicMessage(s, 'info.requested', input));
    },
    {
      validator: (_input: unknown) => {
        assertOpen(s);
        if (s.phase !== 'working') reject('INVALID_TRANSITION', 'information can only be requested while the ticket is being worked');
      },
    },
  );

  setHandler(
    m.addInternalNoteUpdate,
    async ({ messageId, body, actor }) => result(s, await record(s, 'note.internal', actor, { messageId, body })),
    { validator: (_input: unknown) => assertOpen(s) },
  );

  setHandler(
    m.completeTaskUpdate,
    async ({ taskId, outcome, actor }) => {
      const task = s.task!;
      task.status = 'done';
      task.outcome = outcome;
      return result(s, await record(s, 'task.completed', actor, { taskId, outcome, stepId: task.stepId }));
    },
    {
      validator: ({ taskId, outcome }) => {
        assertCurrentTask(s, taskId);
        if (!s.task!.allowedOutcomes.includes(outcome))
          reject('VALIDATION_FAILED', `outcome must be one of: ${s.task!.allowedOutcomes.join(', ')}`);
      },
    },
  );

  setHandler(
    m.addCustomerMessageUpdate,
    async ({ messageId, body }) => {
      const now = Date.now();
      const actor = { type: 'customer' as const, id: 'customer' };
      if (s.phase === 'resolved') {
        s.phase = 'working';
        s.task = null; // the lifecycle opens a new task on the last step
        s.reopenCount += 1;
        s.resolvedAtMs = null;
        s.closesAtMs = null;
        const seq = await record(s, 'message.customer', actor, { messageId, body });
        await record(s, 'ticket.reopened', actor, { reopenCount: s.reopenCount });
        await Promise.all([startClock(s, 'resolution', now), startClock(s, 'nextResponse', now)]);
        return result(s, seq);
      }
      if (s.waitingOnCustomer) {
        s.waitingOnCustomer = false;
        await resumeClock(s, 'resolution', now);
      }
      if (s.firstRespondedAtMs !== null && !isOpen(s.clocks.nextResponse)) await startClock(s, 'nextResponse', now);
      return result(s, await record(s, 'message.customer', actor, { messageId, body }));
    },
    { validator: (_input: unknown) => assertOpen(s) },
  );
}
