/**
 * The satisfaction survey: queued when the ticket resolves on a process that has one (a message that can wait, so it
 * goes at the customer's next allowed local time), open for votes seven days from sending, then closed. A low score
 * reopens the ticket for a follow-up task in the process's follow-up department.
 */
import { condition } from '@temporalio/workflow';
import { newSurvey, SURVEY_OPEN_MS } from '../domain/surveys/survey';
import type { TaskStep } from '../domain/processes/steps';
import { enqueueOutbound } from './outbound';
import { record, SYSTEM } from './ticket-recorder';
import type { TicketState } from './ticket-state';

/** The step id of the follow-up task (no process step has it: completing it resolves the ticket again). */
export const FOLLOW_UP_STEP = '$survey-follow-up';

/** On resolution: queues the survey, once per ticket. */
export function scheduleSurvey(s: TicketState): void {
  if (!s.plan?.process.survey || s.survey) return;
  s.survey = newSurvey();
  enqueueOutbound(s, { key: `${s.ticketId}:survey`, kind: 'survey' });
}

/** The outbound loop is handing the survey to the mail server: from now a vote may arrive before it knows it went. */
export function surveySending(s: TicketState): void {
  if (s.survey?.status === 'scheduled') s.survey.sending = true;
}

/**
 * The outbound loop sent (or could not send) the survey: votes are taken for seven days from now. A vote that came
 * while it was being sent (the customer was quicker than the delivery's answer) stands.
 */
export async function surveyDelivered(s: TicketState, sent: boolean): Promise<void> {
  const survey = s.survey;
  if (!survey || survey.sentAtMs !== null || (survey.status !== 'scheduled' && survey.status !== 'answered')) return;
  survey.sending = false;
  const now = Date.now();
  if (!sent) {
    if (survey.status === 'scheduled') survey.status = 'undeliverable';
    return;
  }
  if (survey.status === 'scheduled') survey.status = 'sent';
  survey.sentAtMs = now;
  survey.expiresAtMs = now + SURVEY_OPEN_MS;
  await record(s, 'survey.sent', SYSTEM, { expiresAtMs: survey.expiresAtMs });
}

/** Applies a vote (validated by the update): a low score asks for a follow-up, reopening a resolved or closed ticket. */
export async function applyVote(s: TicketState, score: number, comment: string | null): Promise<number> {
  const survey = s.survey!;
  const low = score <= (s.plan?.process.survey?.lowScoreAtMost ?? 2);
  // Every change before the first await: the lifecycle, woken by the answer, must see the reopening with it.
  survey.status = 'answered';
  survey.score = score;
  survey.comment = comment;
  survey.answeredAtMs = Date.now();
  if (low && (s.phase === 'resolved' || s.phase === 'closed')) {
    survey.followUp = true;
    s.phase = 'working';
    s.task = null;
    s.parallel = null;
    s.resolvedAtMs = null;
    s.closesAtMs = null;
    s.closedAtMs = null;
  }
  return record(s, 'survey.answered', { type: 'customer', id: 'customer' }, { score, comment, low });
}

/** The follow-up task's step: a task in the process's follow-up department. */
export function followUpStep(s: TicketState): TaskStep | null {
  const survey = s.plan?.process.survey;
  if (!survey || !s.survey?.followUp || s.survey.followUpOpened) return null;
  return { id: FOLLOW_UP_STEP, type: 'task', title: 'Follow up on a low satisfaction score', departmentId: survey.followUpDepartmentId, requiredSkills: [], outcomes: ['done'], next: {} };
}

/**
 * After the ticket closed: waits while the survey is queued or open. Returns true when a low score reopened the
 * ticket for its follow-up (the lifecycle goes on), false when the survey is done (answered, expired, undeliverable).
 */
export async function awaitSurvey(s: TicketState): Promise<boolean> {
  const survey = s.survey;
  if (!survey) return false;
  await condition(() => survey.status !== 'scheduled');
  if (survey.status === 'sent') {
    const answered = await condition(() => survey.status !== 'sent', Math.max(1, (survey.expiresAtMs ?? Date.now()) - Date.now()));
    if (!answered) {
      survey.status = 'expired';
      await record(s, 'survey.expired', SYSTEM);
    }
  }
  return s.phase !== 'closed';
}
