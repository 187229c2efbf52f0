/**
 * FROZEN: the ticket lifecycle as release 0.1.0 shipped it. Runs started by that release replay and finish on this
 * code (tests/workflows/histories/v0.1.0 guards it); their next continue-as-new moves them to the current lifecycle.
 * Never edit (only imports may follow moved files); delete once no 0.1.0 run is open.
 */
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { nextStepId } from '../../../domain/processes/walk';
import type { TicketSnapshot } from '../../../domain/ticket-snapshot';
import type { TaskStep } from '../../../domain/processes/steps';
import { storage } from './activity-options';
import { ticketSnapshotQuery } from '../../messages';
import { meetClock, startClock } from './sla-clocks';
import { runSlaMonitor } from './sla-monitor';
import { registerTicketHandlers } from './ticket-handlers';
import { allEventsStored, record, SYSTEM } from './ticket-recorder';
import { newTicketState, toSnapshot, type TicketState, type TicketWorkflowInput } from './ticket-state';

const DEFAULT_HISTORY_LIMIT = 10_000;

function shouldContinueAsNew(s: TicketState): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > (s.historyLimit ?? DEFAULT_HISTORY_LIMIT);
}

// A function, not an inline comparison: handlers change the phase between awaits, which narrowing cannot see.
function isClosed(s: TicketState): boolean {
  return s.phase === 'closed';
}

/** Release 0.1.0's lifecycle, for the runs it started. */
export async function ticketLifecycleV01(input: TicketWorkflowInput): Promise<TicketSnapshot> {
  const s = input.state ?? newTicketState(input);
  registerTicketHandlers(s);
  setHandler(ticketSnapshotQuery, () => toSnapshot(s));
  const monitor = runSlaMonitor(s);
  if (s.phase === 'new') await triage(s);
  while (!isClosed(s)) {
    if (s.phase === 'working') await workOnCurrentStep(s);
    else if (s.phase === 'resolved') await awaitReopenOrClose(s);
    if (!isClosed(s) && shouldContinueAsNew(s)) {
      await condition(() => allHandlersFinished() && !s.slaBusy);
      await allEventsStored(s);
      await continueAsNew<typeof ticketLifecycleV01>({ ticketId: s.ticketId, receivedAtMs: s.receivedAtMs, state: s });
    }
  }
  await monitor;
  return toSnapshot(s);
}

async function triage(s: TicketState): Promise<void> {
  await record(s, 'ticket.created', { type: 'customer', id: 'customer' });
  const plan = await storage.planTicket({ ticketId: s.ticketId });
  s.plan = plan;
  s.priority = plan.priority;
  await Promise.all([
    s.firstRespondedAtMs === null ? startClock(s, 'firstResponse', s.receivedAtMs) : Promise.resolve(),
    startClock(s, 'resolution', s.receivedAtMs),
  ]);
  await record(s, 'ticket.triaged', SYSTEM, {
    language: plan.language,
    categoryId: plan.categoryId,
    priority: plan.priority,
    matched: plan.matched,
    processId: plan.process.id,
    processVersion: plan.process.version,
    slaPolicyId: plan.slaPolicyId,
  });
  s.phase = 'working';
}

async function openTask(s: TicketState, stepId: string): Promise<void> {
  const plan = s.plan!;
  const step = plan.process.steps.find((st): st is TaskStep => st.id === stepId && st.type === 'task');
  if (!step) throw new Error(`process ${plan.process.id}@${plan.process.version} has no step ${stepId}`);
  s.taskCounter += 1;
  const taskId = `${s.ticketId}-${s.taskCounter}`;
  const now = Date.now();
  const { memberId } = await storage.assignTask({
    assignmentKey: `${taskId}:initial`,
    departmentId: step.departmentId,
    requiredSkills: step.requiredSkills,
    language: plan.language,
    atMs: now,
  });
  s.task = {
    taskId,
    stepId,
    title: step.title,
    departmentId: step.departmentId,
    assigneeId: memberId,
    status: 'open',
    outcome: null,
    allowedOutcomes: step.outcomes,
    createdAtMs: now,
    requiredSkills: step.requiredSkills,
  };
  s.lastStepId = stepId;
  await record(s, 'task.created', SYSTEM, { taskId, stepId, departmentId: step.departmentId, assigneeId: memberId });
}

async function workOnCurrentStep(s: TicketState): Promise<void> {
  const plan = s.plan!;
  if (!s.task) {
    await openTask(s, s.lastStepId ?? plan.process.steps[0]!.id);
    return;
  }
  await condition(() => s.task?.status === 'done' || s.phase !== 'working' || shouldContinueAsNew(s));
  const task = s.task;
  if (s.phase !== 'working' || task?.status !== 'done') return;
  const next = nextStepId(plan.process, task.stepId, task.outcome ?? '');
  if (next) await openTask(s, next);
  else await resolve(s, task.outcome);
}

async function resolve(s: TicketState, outcome: string | null): Promise<void> {
  const now = Date.now();
  s.phase = 'resolved';
  s.waitingOnCustomer = false;
  s.resolvedAtMs = now;
  s.closesAtMs = now + s.plan!.reopenWindowMinutes * 60_000;
  for (const clock of ['firstResponse', 'nextResponse', 'resolution'] as const) meetClock(s, clock, now);
  await record(s, 'ticket.resolved', SYSTEM, { outcome });
}

async function awaitReopenOrClose(s: TicketState): Promise<void> {
  const wait = Math.max(1, (s.closesAtMs ?? Date.now()) - Date.now());
  const woke = await condition(() => s.phase !== 'resolved' || shouldContinueAsNew(s), wait);
  if (woke) return; // reopened (the handler cleared the task) or time to continue as new
  s.phase = 'closed';
  s.closedAtMs = Date.now();
  s.slaVersion += 1;
  await record(s, 'ticket.closed', SYSTEM);
}
