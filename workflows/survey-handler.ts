/** The survey vote, as a validated update: one vote per survey, only while it is open (seven days from sending). */
import { setHandler } from '@temporalio/workflow';
import { voteRefusal } from '../domain/surveys/survey';
import * as m from './messages';
import { applyVote } from './survey';
import type { RequestGuard } from './ticket-handlers';
import type { TicketState } from './ticket-state';

const REFUSED = {
  SURVEY_NOT_FOUND: 'no survey is open for this ticket',
  SURVEY_ANSWERED: 'this survey has been answered already',
  SURVEY_CLOSED: 'this survey is closed (it is open for seven days)',
} as const;

export function registerSurveyHandler(s: TicketState, guard: RequestGuard): void {
  setHandler(m.submitSurveyVoteUpdate, (input) => guard.once(input.requestId, () => applyVote(s, input.score, input.comment)), {
    validator: (input) =>
      guard.validateOnce(input.requestId, () => {
        const refusal = voteRefusal(s.survey ?? null);
        if (refusal) m.rejectAction(refusal, REFUSED[refusal]);
      }),
  });
}
