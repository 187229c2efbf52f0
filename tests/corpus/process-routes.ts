/** Recipes of the routes processes brought: approval answers, the survey vote, process simulation. */
import { JSON_LIMIT, TICKET_UPDATE, type CorpusFixture, type Recipe } from './body-routes';

export function processRouteRecipes(f: CorpusFixture): Record<string, Recipe> {
  return {
    ...Object.fromEntries(
      (['approve', 'reject'] as const).map((decision) => [
        `POST /api/tickets/{id}/approvals/{approvalId}/${decision}`,
        {
          url: `/api/tickets/${f.approvalTickets[decision]}/approvals/sign-off-1/${decision}`,
          writes: TICKET_UPDATE,
          valid: { reason: 'Ottoline’s receipt from Quillfeather Court checks out' },
          required: ['reason'],
          // The reason is one-line free text like every other (domain/text.ts, cleaned on the other routes); an
          // approval takes one answer per member, so the sanitised variants would meet ALREADY_ANSWERED here.
          text: [],
          emails: [],
          numbers: [],
          limitBytes: JSON_LIMIT,
        },
      ]),
    ),
    'POST /api/surveys/{token}': {
      url: `/api/surveys/${f.surveyToken}`,
      writes: TICKET_UPDATE,
      valid: { score: 4, comment: 'Ottoline liked the help with the telescope from Quillfeather Court' },
      required: ['score'],
      // One vote per survey: the sanitised variants of the comment would meet SURVEY_ANSWERED after the first.
      text: [],
      emails: [],
      numbers: [['score']],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/processes/{id}/simulate': {
      url: '/api/processes/general/simulate',
      writes: [], // a simulation stores nothing
      valid: { regionId: 'test-utc', priority: 'high', outcomes: { handle: 'escalate' } },
      required: ['regionId'],
      text: [],
      emails: [],
      strict: ['regionId'],
      record: ['outcomes'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
  };
}
