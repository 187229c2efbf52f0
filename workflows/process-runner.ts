/**
 * Walks the ticket's process step by step. A task waits for its department; the other kinds run here and end with an
 * outcome that `next` maps to the following step. A step in progress is kept in the state (`task`, `step` or
 * `parallel`), so a run that continues as new picks it up where it was.
 */
import { condition } from '@temporalio/workflow';
import type { ParallelStep, ProcessStep, TaskStep } from '../domain/processes/steps';
import { branchTarget, nextStepId } from '../domain/processes/walk';
import { shouldContinueAsNew } from './continue-as-new';
import { meetClocks, startStepClock } from './sla-clocks';
import { runApproval } from './steps/approval-step';
import { branchFacts } from './steps/branch-facts';
import { runIntegration } from './steps/integration-step';
import { runNotify } from './steps/notify-step';
import { enterParallel, workOnParallel } from './steps/parallel-step';
import { assignNewTask, recordTaskCreated } from './steps/task-step';
import { runWaitCustomer } from './steps/wait-customer-step';
import { enqueueOutbound } from './outbound';
import { followUpStep, scheduleSurvey } from './survey';
import { record, recordAhead, SYSTEM } from './ticket-recorder';
import type { TicketState } from './ticket-state';
import type { ConfigurationChanges } from './until-configured';

function stepOf(s: TicketState, stepId: string): ProcessStep {
  const plan = s.plan!;
  const step = plan.process.steps.find((st) => st.id === stepId);
  if (!step) throw new Error(`process ${plan.process.id}@${plan.process.version} has no step ${stepId}`);
  return step;
}

async function openTask(s: TicketState, step: TaskStep, configured: ConfigurationChanges, remember = true): Promise<void> {
  s.task = await assignNewTask(s, { stepId: step.id, title: step.title, departmentId: step.departmentId, requiredSkills: step.requiredSkills, outcomes: step.outcomes }, configured);
  if (remember) s.lastStepId = step.id; // a reopened ticket goes back to it
  if (step.sla) await startStepClock(s, step.sla.targetMinutes, s.task.createdAtMs); // placed first: the task's event shows its deadline
  await recordTaskCreated(s, s.task);
}

/** Enters a step: a task opens for its department; any other kind starts running. */
async function enterStep(s: TicketState, stepId: string, configured: ConfigurationChanges): Promise<void> {
  const step = stepOf(s, stepId);
  if (step.type === 'task') return openTask(s, step, configured);
  if (step.type === 'parallel') return enterParallel(s, step, configured);
  if (step.type === 'branch') {
    const target = branchTarget(s.plan!.process, step, branchFacts(s));
    await recordAhead(s, 'step.completed', SYSTEM, { stepId: step.id, type: 'branch', outcome: null, next: target ?? '$resolve' });
    return advance(s, target, null, configured);
  }
  s.passes[step.id] = (s.passes[step.id] ?? 0) + 1;
  s.step = { stepId, startedAtMs: Date.now() };
  if ((step.type === 'approval' || step.type === 'wait_customer') && step.sla) await startStepClock(s, step.sla.targetMinutes, s.step.startedAtMs);
  await runCurrentStep(s, configured);
}

/** Runs the step in progress until it has an outcome (or the run should continue as new), then moves on. */
async function runCurrentStep(s: TicketState, configured: ConfigurationChanges): Promise<void> {
  const run = s.step!;
  const step = stepOf(s, run.stepId);
  let outcome: string | null;
  if (step.type === 'approval') outcome = await runApproval(s, step, configured);
  else if (step.type === 'integration') outcome = await runIntegration(s, step);
  else if (step.type === 'notify') outcome = await runNotify(s, step);
  else if (step.type === 'wait_customer') outcome = await runWaitCustomer(s, step, run);
  else throw new Error(`step ${step.id} of type ${step.type} does not run on its own`);
  if (outcome === null) return; // continue as new first; the next run resumes the step
  s.outcomes[step.id] = outcome;
  s.step = null;
  await meetClocks(s, ['step'], Date.now());
  await record(s, 'step.completed', SYSTEM, { stepId: step.id, type: step.type, outcome });
  await advance(s, nextStepId(s.plan!.process, step.id, outcome), outcome, configured);
}

async function advance(s: TicketState, next: string | null, outcome: string | null, configured: ConfigurationChanges): Promise<void> {
  if (next) await enterStep(s, next, configured);
  else await resolve(s, outcome);
}

/** The first step to work on: the last task step (a reopened ticket), else the process's first step. */
function resumeStepId(s: TicketState): string {
  return s.lastStepId ?? s.plan!.process.steps[0]!.id;
}

/** One turn of the lifecycle while the ticket is being worked. */
export async function workOnCurrentStep(s: TicketState, configured: ConfigurationChanges): Promise<void> {
  if (s.step) return runCurrentStep(s, configured);
  if (s.parallel) return workOnParallelStep(s, configured);
  const followUp = s.task ? null : followUpStep(s);
  if (followUp) {
    s.survey!.followUpOpened = true;
    return openTask(s, followUp, configured, false);
  }
  if (!s.task) return enterStep(s, resumeStepId(s), configured);
  await condition(() => s.task?.status === 'done' || s.phase !== 'working' || shouldContinueAsNew(s));
  const task = s.task;
  if (s.phase !== 'working' || task?.status !== 'done') return;
  s.outcomes[task.stepId] = task.outcome ?? '';
  await meetClocks(s, ['step'], Date.now()); // nothing without a step target: no clock, no command
  await advance(s, nextStepId(s.plan!.process, task.stepId, task.outcome ?? ''), task.outcome, configured);
}

/** A turn of the parallel step in progress; when every branch has finished, the step completes and the process goes on. */
async function workOnParallelStep(s: TicketState, configured: ConfigurationChanges): Promise<void> {
  const step = stepOf(s, s.parallel!.stepId) as ParallelStep;
  if (!(await workOnParallel(s, step, configured))) return;
  s.task = s.parallel!.lastDone; // the task that finished the step: an approval that follows was requested by its member
  s.parallel = null;
  s.outcomes[step.id] = 'completed';
  await meetClocks(s, ['step'], Date.now());
  await record(s, 'step.completed', SYSTEM, { stepId: step.id, type: step.type, outcome: 'completed' });
  await advance(s, nextStepId(s.plan!.process, step.id, 'completed'), 'completed', configured);
}

async function resolve(s: TicketState, outcome: string | null): Promise<void> {
  const now = Date.now();
  s.phase = 'resolved';
  s.waitingOnCustomer = false;
  s.resolvedAtMs = now;
  s.closesAtMs = now + s.plan!.reopenWindowMinutes * 60_000;
  await meetClocks(s, ['firstResponse', 'nextResponse', 'resolution', 'step'], now);
  await record(s, 'ticket.resolved', SYSTEM, { outcome });
  if (s.noticeResolution) enqueueOutbound(s, { key: `${s.ticketId}:resolved:${s.reopenCount}`, kind: 'resolution', values: { reopenUntilMs: s.closesAtMs } });
  scheduleSurvey(s);
}
