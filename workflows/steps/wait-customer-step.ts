/**
 * A wait_customer step: asks the customer, pauses the resolution clock, reminds them at set business intervals and
 * ends with `replied` (their message on any channel, through the customer-message update) or `timeout`.
 */
import { condition } from '@temporalio/workflow';
import type { WaitCustomerStep } from '../../domain/processes/steps';
import { calendarMath } from '../activity-options';
import { shouldContinueAsNew } from '../continue-as-new';
import { enqueueOutbound } from '../outbound';
import { pauseClock, resumeClock } from '../sla-clocks';
import { record, SYSTEM } from '../ticket-recorder';
import type { StepRun, TicketState } from '../ticket-state';

async function ask(s: TicketState, step: WaitCustomerStep, run: StepRun): Promise<NonNullable<StepRun['wait']>> {
  const now = Date.now();
  const reminders = [...new Set(step.remindAfterMinutes.filter((m) => m < step.timeoutMinutes))].sort((a, b) => a - b);
  const instants = await calendarMath.computeBusinessInstants({ calendar: s.plan!.calendar, fromMs: now, minutes: [...reminders, step.timeoutMinutes] });
  const wait = { askedAtMs: now, instants, passed: 0, repliedAtMs: null };
  run.wait = wait;
  s.waitingOnCustomer = true;
  pauseClock(s, 'resolution', now);
  const messageId = `${step.id}-${s.passes[step.id] ?? 1}`;
  enqueueOutbound(s, { key: `${s.ticketId}:wait:${messageId}`, kind: 'info-request', body: step.question });
  await record(s, 'info.requested', SYSTEM, { messageId, stepId: step.id, body: step.question, replyByMs: instants[instants.length - 1] });
  return wait;
}

/** Runs (or resumes) the wait; null when the run should continue as new first. */
export async function runWaitCustomer(s: TicketState, step: WaitCustomerStep, run: StepRun): Promise<string | null> {
  const w = run.wait ?? (await ask(s, step, run));
  while (w.repliedAtMs === null) {
    const at = w.instants[w.passed]!;
    const woke = await condition(() => w.repliedAtMs !== null || shouldContinueAsNew(s), Math.max(1, at - Date.now()));
    if (woke) {
      if (w.repliedAtMs === null) return null;
      break;
    }
    w.passed += 1;
    if (w.passed < w.instants.length) {
      const replyByMs = w.instants[w.instants.length - 1]!;
      enqueueOutbound(s, { key: `${s.ticketId}:wait:${step.id}-${s.passes[step.id] ?? 1}:reminder:${w.passed}`, kind: 'reminder', body: step.question, values: { askedAtMs: w.askedAtMs, replyByMs } });
      await record(s, 'wait.reminded', SYSTEM, { stepId: step.id, reminder: w.passed, replyByMs });
      continue;
    }
    s.waitingOnCustomer = false;
    await resumeClock(s, 'resolution', Date.now());
    return 'timeout';
  }
  return 'replied';
}
