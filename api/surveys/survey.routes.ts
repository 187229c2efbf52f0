/**
 * Satisfaction surveys: `GET /survey/{token}` shows the rating page (records nothing, whoever opens it);
 * `POST /api/surveys/{token}` records the one vote, from the page's form (urlencoded: answered with a page) or as JSON
 * (a console or app). The token names the ticket and is checked by its HMAC; the workflow refuses a second vote and a
 * vote after the survey closed.
 */
import express, { Router, type Request } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { surveyPageWords, type PageWords } from '../../domain/messages/page-words';
import { loadShippedCatalog } from '../../domain/messages/shipped-catalog';
import type { SurveyPageWord } from '../../domain/messages/templates';
import { multiLineText } from '../../domain/text';
import { getRegion } from '../../models/config.repository';
import { CustomerModel } from '../../models/customer.model';
import { TicketModel } from '../../models/ticket.model';
import { ticketContactPreferences } from '../../services/customers/contact-preferences';
import { SURVEY_TOKEN_PATTERN, ticketOfSurveyToken } from '../../services/surveys/survey-token';
import { submitSurveyVoteUpdate } from '../../workflows/messages';
import { clientKey, createRateLimiter, createRateLimitStore } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { parseInput } from '../validation';
import { actionIds, sendTicketAction } from '../tickets/ticket-updates';
import { IdempotencyHeadersSchema } from '../tickets/tickets.schema';
import { SURVEY_PAGE_CSP, surveyAnsweredPage, surveyFormPage } from './survey-page';

const TokenParamsSchema = z.strictObject({ token: z.string().regex(new RegExp(SURVEY_TOKEN_PATTERN), 'not a survey token') });
const VoteBodySchema = z.strictObject({
  score: z.number().int().min(1).max(5).describe('1 = not at all satisfied … 5 = very satisfied'),
  comment: multiLineText(2000).optional(),
});
const VoteResultSchema = z.object({ status: z.literal('recorded'), score: z.number().int() });

registerRoute({
  method: 'get',
  path: '/survey/{token}',
  summary: 'The rating page of a survey link (HTML; opening it records nothing)',
  tags: ['surveys'],
  auth: 'public',
  rateLimited: true,
  params: TokenParamsSchema,
  responses: {
    200: { description: 'The rating form', schema: z.string(), contentType: 'text/html' },
    404: { description: 'No such survey' },
  },
});
registerRoute({
  method: 'post',
  path: '/api/surveys/{token}',
  summary: 'Record the one vote of a survey (JSON, or the rating page’s form)',
  tags: ['surveys'],
  auth: 'public',
  rateLimited: true,
  params: TokenParamsSchema,
  headers: IdempotencyHeadersSchema,
  body: VoteBodySchema,
  responses: {
    200: { description: 'Recorded', schema: VoteResultSchema },
    404: { description: 'No such survey, or none is open for the ticket yet (SURVEY_NOT_FOUND)' },
    409: { description: 'Answered already (SURVEY_ANSWERED), or closed: votes are taken for seven days (SURVEY_CLOSED)' },
  },
});

const isForm = (req: Request) => req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';

export function surveysRouter(deps: { config: Config; temporal: Client; now?: () => number }): Router {
  const router = Router();
  const limit = createRateLimiter({ name: 'survey', windowMs: 60_000, max: deps.config.rateLimits.trackPerMinute, key: clientKey, store: createRateLimitStore(deps.config.rateLimits), now: deps.now });

  const catalog = loadShippedCatalog();

  async function surveyTicket(rawToken: unknown): Promise<{ token: string; ticketId: string; words: PageWords<SurveyPageWord> }> {
    const { token } = parseInput(TokenParamsSchema, { token: rawToken }, 'params');
    const ticketId = ticketOfSurveyToken(deps.config, token);
    const ticket = ticketId ? await TicketModel.findById(ticketId, { subject: 1, intake: 1, contact: 1, customerId: 1, regionId: 1 }).lean() : null;
    if (!ticketId || ticket?.intake !== 'started') throw new MeridianError('SURVEY_NOT_FOUND', 'no such survey');
    // The page speaks the customer's language, as the survey mail did.
    const customer = await CustomerModel.findById(ticket.customerId, { profile: 1, timeZone: 1, language: 1 }).lean();
    const { language } = await ticketContactPreferences(ticket, customer, () => getRegion(ticket.regionId));
    return { token, ticketId, words: surveyPageWords(catalog, language, ticket.subject) };
  }

  router.get('/survey/:token', limit, async (req, res) => {
    const { token, words } = await surveyTicket(req.params.token);
    res.setHeader('Content-Security-Policy', SURVEY_PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(surveyFormPage(token, words));
  });

  router.post('/api/surveys/:token', limit, express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 }), async (req, res) => {
    const form = isForm(req);
    if (!form && !req.is(['application/json', 'application/*+json'])) throw new MeridianError('UNSUPPORTED_MEDIA_TYPE', 'send the vote as application/json (or from the rating page’s form)');
    const { ticketId, words } = await surveyTicket(req.params.token);
    const raw = form ? { score: Number((req.body as Record<string, string>).score), ...((req.body as Record<string, string>).comment ? { comment: (req.body as Record<string, string>).comment } : {}) } : req.body;
    const vote = parseInput(VoteBodySchema, raw, 'body');
    const { updateId, messageId } = actionIds(req, `survey:${ticketId}`);
    try {
      await sendTicketAction(deps.temporal, ticketId, submitSurveyVoteUpdate, { score: vote.score, comment: vote.comment ?? null, requestId: messageId }, updateId);
    } catch (err) {
      // A finished workflow: its survey was answered, or closed with it (the read model says which).
      if (err instanceof MeridianError && err.code === 'TICKET_CLOSED') {
        const answered = (await TicketModel.findById(ticketId, { survey: 1 }).lean())?.survey?.status === 'answered';
        throw answered ? new MeridianError('SURVEY_ANSWERED', 'this survey has been answered already') : new MeridianError('SURVEY_CLOSED', 'this survey is closed');
      }
      throw err;
    }
    if (!form) return void res.json({ status: 'recorded', score: vote.score });
    res.setHeader('Content-Security-Policy', SURVEY_PAGE_CSP);
    res.type('html').send(surveyAnsweredPage(words));
  });

  return router;
}
