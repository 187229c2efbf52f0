import { assertNever } from '../domain/errors';
import type { EscalationAction, SlaClock } from '../domain/sla-policy';
import { raisePriority, type Priority } from '../domain/ticket';
import { assignTask } from './assignment.activities';
import { requireDepartment } from './configuration';
import type { ActivityDeps } from './deps';
import { isDeliveryRejected, sendOnce } from './email-outbox';

export interface EscalateTicketInput {
  ticketId: string;
  taskId: string;
  clock: SlaClock;
  /** Which breach of this clock (a reopened ticket can breach again). */
  breachNumber: number;
  levelIndex: number;
  actions: EscalationAction[];
  departmentId: string;
  assigneeId: string | null;
  priority: Priority;
  language: string;
  requiredSkills: string[];
}

export interface EscalationOutcome {
  departmentId: string;
  assigneeId: string | null;
  priority: Priority;
  notified: string[];
  /** Whom a notification was refused for good (the rest of the level still applies). */
  refused: string[];
}

const CLOCK_LABEL: Record<SlaClock, string> = {
  firstResponse: 'first response',
  nextResponse: 'next response',
  resolution: 'resolution',
  step: 'step',
};

/** One rung of the escalation ladder: notifications, reassignment and priority, each done at most once. */
export function createEscalationActivities(deps: Pick<ActivityDeps, 'mailer' | 'mailFrom' | 'publicBaseUrl' | 'logger'>) {
  /**
   * Sends one escalation mail; false when the mail server refused it for good. A refused notification never stops the
   * rest of the level (the reassignment matters most exactly when the assignee cannot be reached), and release 0.1.0's
   * workflow code could not handle a failed level at all.
   */
  async function notify(input: EscalateTicketInput, to: string, audience: string): Promise<boolean> {
    try {
      await sendEscalationMail(input, to, audience);
      return true;
    } catch (err) {
      if (!isDeliveryRejected(err)) throw err;
      deps.logger.warn({ ticketId: input.ticketId, clock: input.clock, level: input.levelIndex, audience }, 'escalation mail refused');
      return false;
    }
  }

  async function sendEscalationMail(input: EscalateTicketInput, to: string, audience: string): Promise<void> {
    const key = `${input.ticketId}:escalation:${input.clock}:${input.breachNumber}:${input.levelIndex}:${audience}`;
    await sendOnce(deps.mailer, { key, purpose: `escalation-${audience}`, ticketId: input.ticketId }, () => ({
      from: deps.mailFrom,
      to,
      subject: `[Meridian] SLA ${CLOCK_LABEL[input.clock]} breached on ticket ${input.ticketId} (level ${input.levelIndex + 1})`,
      text: [
        `The ${CLOCK_LABEL[input.clock]} target of ticket ${input.ticketId} was missed.`,
        `Escalation level ${input.levelIndex + 1}; priority ${input.priority}.`,
        `Open it: ${deps.publicBaseUrl}/api/tickets/${input.ticketId}`,
      ].join('\n'),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Meridian-Ticket': input.ticketId },
    }));
  }

  /** Applies the actions of one level; `raisesPriority` is false when the workflow decides the priority itself. */
  async function applyActions(input: EscalateTicketInput, raisesPriority: boolean): Promise<EscalationOutcome> {
    let department = await requireDepartment(input.departmentId);
    const out: EscalationOutcome = { departmentId: input.departmentId, assigneeId: input.assigneeId, priority: input.priority, notified: [], refused: [] };
    const tell = async (to: string, audience: string, who: string) => (await notify(input, to, audience) ? out.notified : out.refused).push(who);
    for (const action of input.actions) {
      switch (action.type) {
        case 'notify_assignee': {
          const ownerId = out.assigneeId ?? department.leadId ?? null;
          const owner = department.members.find((m) => m.id === ownerId);
          if (owner) await tell(owner.email, 'assignee', `member:${owner.id}`);
          break;
        }
        case 'reassign_to_lead':
          if (department.leadId) out.assigneeId = department.leadId;
          break;
        case 'reassign_to_department': {
          const target = action.departmentId ?? department.escalationDepartmentId;
          if (!target || target === department.id) break;
          department = await requireDepartment(target);
          out.departmentId = target;
          const { memberId } = await assignTask({
            assignmentKey: `${input.taskId}:escalation:${input.clock}:${input.breachNumber}:${input.levelIndex}`,
            departmentId: target,
            requiredSkills: [],
            language: input.language,
            atMs: Date.now(),
          });
          out.assigneeId = memberId ?? department.leadId ?? null;
          break;
        }
        case 'raise_priority':
          if (raisesPriority) out.priority = raisePriority(out.priority);
          break;
        case 'notify_ops':
          if (department.opsEmail) await tell(department.opsEmail, 'ops', 'ops');
          break;
        default:
          assertNever(action);
      }
    }
    deps.logger.info({ ticketId: input.ticketId, clock: input.clock, level: input.levelIndex }, 'escalation level applied');
    return out;
  }

  return {
    /** Release 0.1.0's escalation: applies the actions of one level, priority included; a mail refused for good is skipped. */
    escalateTicket: (input: EscalateTicketInput): Promise<EscalationOutcome> => applyActions(input, true),
    /** Applies the side effects of one escalation level (mails, reassignment) and reports who owns the task now. */
    async applyEscalationEffects(input: Omit<EscalateTicketInput, 'requiredSkills'>): Promise<Omit<EscalationOutcome, 'priority'>> {
      const { priority: _priority, ...owner } = await applyActions({ ...input, requiredSkills: [] }, false);
      return owner;
    },
  };
}
