/**
 * An approval step: the levels that apply to the ticket's amount are answered in order by their approvers (any-of or
 * all-of); a level left unanswered past its business-calendar timeout escalates once and alerts ops; one rejection
 * rejects, and the customer is told the reason. No level applying: auto-approved.
 */
import { condition } from '@temporalio/workflow';
import { earlierApprovers, levelResult, type ApprovalState } from '../../domain/approvals/approval';
import type { ApprovalLevel, ApprovalStep } from '../../domain/processes/steps';
import { applicableLevels } from '../../domain/processes/walk';
import { calendarMath, planning } from '../activity-options';
import { shouldContinueAsNew } from '../continue-as-new';
import { enqueueOutbound } from '../outbound';
import { record, SYSTEM } from '../ticket-recorder';
import type { TicketState } from '../ticket-state';
import { untilConfigured, type ConfigurationChanges } from '../until-configured';

function openApproval(s: TicketState, step: ApprovalStep, approvalId: string): ApprovalState {
  const amount = s.plan?.case?.refund?.amount ?? null;
  const levels = applicableLevels(step.levels, amount);
  const done = s.task?.status === 'done' ? s.task : null;
  const a: ApprovalState = {
    approvalId,
    stepId: step.id,
    title: step.title,
    status: levels.length > 0 ? 'pending' : 'auto_approved',
    requestedBy: done?.completedBy ?? null,
    amount,
    levels: levels.map((l) => ({
      name: l.name,
      departmentId: l.approvers.departmentId,
      mode: l.approvers.mode,
      eligible: [],
      status: 'waiting',
      startedAtMs: null,
      dueAtMs: null,
      escalated: false,
    })),
    current: 0,
    answers: [],
    requestedAtMs: Date.now(),
    decidedAtMs: levels.length > 0 ? null : Date.now(),
    reason: null,
  };
  s.approvals.push(a);
  return a;
}

function excluded(a: ApprovalState): string[] {
  return [...(a.requestedBy ? [a.requestedBy] : []), ...earlierApprovers(a)];
}

async function startLevel(s: TicketState, a: ApprovalState, def: ApprovalLevel, configured: ConfigurationChanges): Promise<void> {
  const level = a.levels[a.current]!;
  const { memberIds } = await untilConfigured(s, configured, () => planning.approversFor({ group: def.approvers, exclude: excluded(a), required: true }));
  const now = Date.now();
  const [dueAtMs] = await calendarMath.computeBusinessInstants({ calendar: s.plan!.calendar, fromMs: now, minutes: [def.timeoutMinutes] });
  level.eligible = memberIds;
  level.status = 'pending';
  level.startedAtMs = now;
  level.dueAtMs = dueAtMs ?? now;
  await record(s, 'approval.requested', SYSTEM, { approvalId: a.approvalId, level: a.current, name: level.name, departmentId: level.departmentId, mode: level.mode, eligible: memberIds, dueAtMs: level.dueAtMs });
}

async function escalateLevel(s: TicketState, a: ApprovalState, def: ApprovalLevel): Promise<void> {
  const level = a.levels[a.current]!;
  level.escalated = true; // before any await: the timeout fires once
  const exclude = [...excluded(a), ...level.eligible];
  const { memberIds } = def.escalateTo
    ? await planning.approversFor({ group: def.escalateTo, exclude, required: false })
    : await planning.departmentLead({ departmentId: level.departmentId, exclude });
  level.eligible = [...level.eligible, ...memberIds];
  await record(s, 'approval.escalated', SYSTEM, { approvalId: a.approvalId, level: a.current, name: level.name, added: memberIds });
  const to = memberIds.length > 0 ? `escalated to ${memberIds.join(', ')}` : 'nobody to escalate to';
  enqueueOutbound(s, { key: `${s.ticketId}:approval:${a.approvalId}:${a.current}:escalated`, kind: 'ops-alert', body: `Approval "${a.title}" (level ${level.name}) of ticket ${s.ticketId} was not answered in time: ${to}.` });
}

async function decide(s: TicketState, a: ApprovalState, status: 'approved' | 'rejected'): Promise<string> {
  a.status = status;
  a.decidedAtMs = Date.now();
  if (status === 'rejected') a.reason = [...a.answers].reverse().find((x) => x.decision === 'reject')?.reason ?? null;
  await record(s, 'approval.decided', SYSTEM, { approvalId: a.approvalId, status, reason: a.reason });
  if (status === 'rejected') enqueueOutbound(s, { key: `${s.ticketId}:approval:${a.approvalId}:outcome`, kind: 'approval-outcome', values: { outcome: 'rejected', reason: a.reason ?? '' } });
  return status;
}

/** Runs (or resumes) the step's approval; null when the run should continue as new first. */
export async function runApproval(s: TicketState, step: ApprovalStep, configured: ConfigurationChanges): Promise<string | null> {
  const approvalId = `${step.id}-${s.passes[step.id] ?? 1}`;
  let a = s.approvals.find((x) => x.approvalId === approvalId);
  if (!a) {
    a = openApproval(s, step, approvalId);
    if (a.status === 'auto_approved') {
      await record(s, 'approval.decided', SYSTEM, { approvalId, status: 'auto_approved', amount: a.amount });
      return 'approved';
    }
  }
  const defs = applicableLevels(step.levels, a.amount);
  while (a.current < a.levels.length) {
    const level = a.levels[a.current]!;
    const def = defs[a.current]!;
    if (level.status === 'waiting') await startLevel(s, a, def, configured);
    const index = a.current;
    const decided = () => levelResult(a, index) !== null;
    const until = () => decided() || shouldContinueAsNew(s);
    const woke = level.escalated ? (await condition(until), true) : await condition(until, Math.max(1, (level.dueAtMs ?? Date.now()) - Date.now()));
    if (!woke) {
      await escalateLevel(s, a, def);
      continue;
    }
    if (!decided()) return null;
    const result = levelResult(a, index)!;
    level.status = result;
    if (result === 'rejected') return decide(s, a, 'rejected');
    a.current += 1;
  }
  return decide(s, a, 'approved');
}
