/**
 * Approvers answer the current level of an approval through a validated update: the validator refuses, with the
 * reason, an approval that does not exist or is decided, the member who requested it, someone not eligible for the
 * level, and a second answer from the same member; the handler records the answer and the approval step decides.
 */
import { setHandler } from '@temporalio/workflow';
import { answerRefusal } from '../domain/approvals/approval';
import * as m from './messages';
import { record } from './ticket-recorder';
import type { TicketState } from './ticket-state';
import type { RequestGuard } from './ticket-handlers';

const REFUSED: Record<NonNullable<ReturnType<typeof answerRefusal>>, string> = {
  APPROVAL_DECIDED: 'the approval (or its current level) is already decided',
  ALREADY_ANSWERED: 'you have already answered this approval',
  REQUESTER_CANNOT_APPROVE: 'the member who requested the approval cannot answer it',
  NOT_AN_APPROVER: 'you are not an approver of the current level',
};


export function registerApprovalHandlers(s: TicketState, guard: RequestGuard): void {
  setHandler(
    m.answerApprovalUpdate,
    (input) =>
      guard.once(input.requestId, async () => {
        const a = s.approvals.find((x) => x.approvalId === input.approvalId)!;
        const memberId = input.actor.id;
        a.answers.push({ level: a.current, memberId, decision: input.decision, reason: input.reason, atMs: Date.now() });
        return record(s, 'approval.answered', input.actor, { approvalId: a.approvalId, level: a.current, decision: input.decision, reason: input.reason });
      }),
    {
      validator: (input) =>
        guard.validateOnce(input.requestId, () => {
          if (s.phase === 'closed') m.rejectAction('TICKET_CLOSED', 'the ticket is closed');
          const a = s.approvals.find((x) => x.approvalId === input.approvalId);
          if (!a) m.rejectAction('APPROVAL_NOT_FOUND', `approval ${input.approvalId} not found on this ticket`);
          if (input.actor.type !== 'member') m.rejectAction('NOT_AN_APPROVER', 'approvals are answered by a department member (a key that acts as one)');
          const refusal = answerRefusal(a, input.actor.id);
          if (refusal) m.rejectAction(refusal, REFUSED[refusal]);
          const level = a.levels[a.current];
          if (input.scope && level && !input.scope.includes(level.departmentId)) m.rejectAction('NOT_AN_APPROVER', 'the current level is answered by another department');
        }),
    },
  );
}
