/** Watches the SLA clocks: warns before a deadline, records a breach, and climbs the escalation ladder level by level. */
import { condition } from '@temporalio/workflow';
import { raisePriority } from '../../../domain/ticket';
import { calendarMath, storage } from './activity-options';
import { record, SYSTEM } from './ticket-recorder';
import { nextSlaDue, type SlaDue, type TicketState } from './ticket-state';

async function fire(s: TicketState, due: SlaDue): Promise<void> {
  const c = s.clocks[due.clock];
  const p = s.plan;
  if (!c || !p) return;
  switch (due.kind) {
    case 'warn':
      c.warned = true;
      s.slaVersion += 1;
      await record(s, 'sla.warning', SYSTEM, { clock: due.clock, dueAtMs: c.dueAtMs });
      return;
    case 'breach': {
      c.breachedAtMs = due.atMs;
      c.breachNumber += 1;
      c.nextLevel = 0;
      c.ladderAtMs = [];
      s.breachCount += 1;
      s.slaVersion += 1;
      const atMs = due.atMs;
      await record(s, 'sla.breached', SYSTEM, { clock: due.clock, dueAtMs: atMs, breachNumber: c.breachNumber });
      const minutes = p.escalationLadder.map((l) => l.afterMinutes);
      const instants = await calendarMath.computeBusinessInstants({ calendar: p.calendar, fromMs: atMs, minutes });
      if (c.breachedAtMs === atMs && c.ladderAtMs.length === 0) {
        c.ladderAtMs = instants;
        s.slaVersion += 1;
      }
      return;
    }
    case 'level':
      return climb(s, due);
  }
}

async function climb(s: TicketState, due: SlaDue): Promise<void> {
  const c = s.clocks[due.clock];
  const p = s.plan;
  if (!c || !p) return;
  const levelIndex = c.nextLevel;
  const level = p.escalationLadder[levelIndex];
  c.nextLevel += 1; // synchronously, so the level can never fire twice
  s.slaVersion += 1;
  if (!level) return;
  const task = s.task;
  let outcome = { departmentId: task?.departmentId ?? '', assigneeId: task?.assigneeId ?? null, priority: s.priority, notified: [] as string[] };
  if (task) {
    outcome = await storage.escalateTicket({
      ticketId: s.ticketId,
      taskId: task.taskId,
      clock: due.clock,
      breachNumber: c.breachNumber,
      levelIndex,
      actions: level.actions,
      departmentId: task.departmentId,
      assigneeId: task.assigneeId,
      priority: s.priority,
      language: p.language,
      requiredSkills: task.requiredSkills,
    });
    if (s.task?.taskId === task.taskId && s.task.status !== 'done') {
      s.task.departmentId = outcome.departmentId;
      s.task.assigneeId = outcome.assigneeId;
    }
  } else if (level.actions.some((a) => a.type === 'raise_priority')) {
    outcome.priority = raisePriority(s.priority);
  }
  s.priority = outcome.priority;
  c.escalationLevel = levelIndex;
  await record(s, 'escalation.level', SYSTEM, {
    clock: due.clock,
    level: levelIndex,
    breachNumber: c.breachNumber,
    actions: level.actions.map((a) => a.type),
    departmentId: outcome.departmentId,
    assigneeId: outcome.assigneeId,
    priority: outcome.priority,
    notified: outcome.notified,
  });
}

/** Runs until the ticket closes, sleeping until the next SLA instant and re-planning whenever a clock changes. */
export async function runSlaMonitor(s: TicketState): Promise<void> {
  while (s.phase !== 'closed') {
    const version = s.slaVersion;
    const due = nextSlaDue(s);
    const changed = () => s.slaVersion !== version || s.phase === 'closed';
    if (!due) {
      await condition(changed);
      continue;
    }
    const wait = due.atMs - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    s.slaBusy = true;
    try {
      await fire(s, due);
    } finally {
      s.slaBusy = false;
    }
  }
}
