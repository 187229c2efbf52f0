/**
 * The escalation ladder's levels. A level counts as fired the moment it is due (it never fires twice) and its priority
 * change applies at once; its side effects (mails, reassignment) run from a queue, level after level, in their own
 * bounded activity, so a failing mail server or a missing department ends in an `escalation.failed` event while the
 * SLA monitor and every other clock of the ticket keep running. The queue crosses continue-as-new with the state.
 */
import { ActivityFailure, ApplicationFailure, condition } from '@temporalio/workflow';
import type { SlaClock } from '../domain/sla-policy';
import { raisePriority } from '../domain/ticket';
import { escalation } from './activity-options';
import { retargetClocks } from './sla-clocks';
import { record, SYSTEM } from './ticket-recorder';
import { lifecycleOver, type PendingEscalation, type TicketState } from './ticket-state';
import { escalatedTasks, findCurrentTask } from './ticket-tasks';

interface Owner {
  departmentId: string;
  assigneeId: string | null;
  notified: string[];
  refused: string[];
}

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return `${cause.type ?? 'failure'}: ${cause.message}`;
  return cause instanceof Error ? cause.message : 'escalation failed';
}

async function applyLevel(s: TicketState, { clock, breachNumber, levelIndex }: PendingEscalation): Promise<void> {
  const level = s.plan?.escalationLadder[levelIndex];
  if (!level) return;
  // The level raised the priority when it fired: the clocks now count against that priority's targets.
  if (level.actions.some((a) => a.type === 'raise_priority')) await retargetClocks(s, Date.now());
  const tasks = escalatedTasks(s);
  if (tasks.length === 0) return recordLevel(s, { clock, breachNumber, levelIndex }, { departmentId: '', assigneeId: null, notified: [], refused: [] });
  // A parallel step's branch tasks are each escalated in their own department.
  for (const task of tasks) {
    let owner: Awaited<ReturnType<typeof escalation.applyEscalationEffects>>;
    try {
      owner = await escalation.applyEscalationEffects({
        ticketId: s.ticketId,
        taskId: task.taskId,
        clock,
        breachNumber,
        levelIndex,
        actions: level.actions,
        departmentId: task.departmentId,
        assigneeId: task.assigneeId,
        priority: s.priority,
        language: s.plan?.language ?? 'en',
      });
    } catch (err) {
      await record(s, 'escalation.failed', SYSTEM, { clock, level: levelIndex, breachNumber, reason: reasonOf(err) });
      return;
    }
    const live = findCurrentTask(s, task.taskId);
    if (live && live.status !== 'done') {
      live.departmentId = owner.departmentId;
      live.assigneeId = owner.assigneeId;
    }
    await recordLevel(s, { clock, breachNumber, levelIndex }, owner);
  }
}

async function recordLevel(s: TicketState, { clock, breachNumber, levelIndex }: PendingEscalation, owner: Owner): Promise<void> {
  const level = s.plan!.escalationLadder[levelIndex]!;
  await record(s, 'escalation.level', SYSTEM, {
    clock,
    level: levelIndex,
    breachNumber,
    actions: level.actions.map((a) => a.type),
    departmentId: owner.departmentId,
    assigneeId: owner.assigneeId,
    priority: s.priority,
    notified: owner.notified,
    refused: owner.refused,
  });
}

/** Fires the clock's next ladder level now: its priority change applies at once, its side effects are queued. */
export function fireNextLevel(s: TicketState, clock: SlaClock): void {
  const c = s.clocks[clock];
  if (!c) return;
  const levelIndex = c.nextLevel;
  const level = s.plan?.escalationLadder[levelIndex];
  c.nextLevel += 1; // synchronously, so a level can never fire twice
  s.slaVersion += 1;
  if (!level) return;
  c.escalationLevel = levelIndex;
  // Raising the priority is a decision, not an effect: it holds even if the mails or the reassignment fail.
  for (const action of level.actions) if (action.type === 'raise_priority') s.priority = raisePriority(s.priority);
  s.escalations.push({ clock, breachNumber: c.breachNumber, levelIndex });
}

/** Applies queued levels in order until the ticket is closed and the queue is empty. */
export async function runEscalations(s: TicketState): Promise<void> {
  for (;;) {
    await condition(() => s.escalations.length > 0 || lifecycleOver(s));
    const next = s.escalations[0];
    if (!next) return;
    await applyLevel(s, next);
    s.escalations.shift();
  }
}
