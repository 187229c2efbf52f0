import { Router } from 'express';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { TriageRulesSchema } from '../../domain/triage-rules';
import { getTriageRulesDoc, saveTriageRules } from '../../models/triage-rules.model';
import { authenticate, getAuth, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { AUTH_ERRORS, CONFIG_ROLES, IfMatchHeadersSchema, WRITE_ERRORS, parseIfMatch, resourceSchema, sendConfig } from './config-http';

const TriageRulesResourceSchema = resourceSchema(TriageRulesSchema);
const common = { tags: ['triage-rules'], auth: 'apiKey', roles: CONFIG_ROLES, path: '/api/triage-rules' } as const;
registerRoute({
  ...common,
  method: 'put',
  summary: 'Replace the triage rules (categories, keywords per language, urgent words, tier minimums)',
  headers: IfMatchHeadersSchema,
  body: TriageRulesSchema,
  responses: {
    200: { description: 'Replaced', schema: TriageRulesResourceSchema },
    201: { description: 'Created', schema: TriageRulesResourceSchema },
    ...WRITE_ERRORS,
    422: {
      description:
        'Well formed, but `defaultCategoryId` names none of the categories, a category names an unknown process (UNKNOWN_REFERENCE), ' +
        'or a pattern RE2 cannot run (UNSUPPORTED_PATTERN: backreference, lookaround, invalid, or over the size budget)',
    },
  },
});
registerRoute({
  ...common,
  method: 'get',
  summary: 'Read the triage rules',
  responses: { 200: { description: 'The rules in force', schema: TriageRulesResourceSchema }, ...AUTH_ERRORS, 404: { description: 'No rules defined yet' } },
});

/** Triage rules: how tickets get a category, a process and a priority (admin, ops). */
export function triageRulesRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  const router = Router();
  const guard = [authenticate(config), requireRole(...CONFIG_ROLES)];

  router.put('/api/triage-rules', ...guard, requireJsonContentType, async (req, res) => {
    const expectedVersion = parseIfMatch(req);
    const rules = parseInput(TriageRulesSchema, req.body, 'body');
    const { doc, created } = await saveTriageRules(rules, { actor: getAuth(res).keyId, expectedVersion });
    sendConfig(res, doc, created ? 201 : 200);
  });

  router.get('/api/triage-rules', ...guard, async (_req, res) => {
    const doc = await getTriageRulesDoc();
    if (!doc) throw new MeridianError('NOT_FOUND', 'no triage rules are defined yet');
    sendConfig(res, doc);
  });

  return router;
}
