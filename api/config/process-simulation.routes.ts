/**
 * `POST /api/processes/{id}/simulate`: walks a process version with sample input (amount, tier, region, chosen
 * outcomes) and answers the path, the tasks, approvals, messages and integration calls it would produce, and the SLA
 * deadlines on the region's real business calendar. Nothing is stored or sent.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { MoneyInputSchema } from '../../domain/money-input';
import { processTargets } from '../../domain/processes/process';
import { OutcomeSchema } from '../../domain/processes/steps';
import { simulateProcess } from '../../domain/processes/simulate';
import { BRANCH_FIELDS } from '../../domain/processes/walk';
import { IdSchema } from '../../domain/region';
import { CUSTOMER_TIERS, PRIORITIES, CHANNELS } from '../../domain/ticket';
import { getLatestProcess, getProcessVersion, getRegion, getSlaPolicyForRegion } from '../../models/config.repository';
import { authenticate, requireRole } from '../middleware/auth';
import { registerRoute } from '../openapi/registry';
import { parseInput, requireJsonContentType } from '../validation';
import { AUTH_ERRORS, CONFIG_ROLES, IdParamsSchema } from './config-http';

const SimulateBodySchema = z.strictObject({
  version: z.number().int().min(1).optional().describe('A stored version (default: the newest)'),
  regionId: IdSchema,
  priority: z.enum(PRIORITIES).default('normal'),
  tier: z.enum(CUSTOMER_TIERS).default('standard'),
  category: z.string().min(1).max(80).optional(),
  language: z.string().regex(/^[a-z]{2,3}$/).default('en'),
  channel: z.enum(CHANNELS).default('web'),
  refund: MoneyInputSchema.optional(),
  /** Outcomes per step id; a list gives one per visit of a step walked more than once. */
  outcomes: z.record(IdSchema, z.union([OutcomeSchema, z.array(OutcomeSchema).min(1).max(50)])).default({}),
  startAt: z.iso.datetime({ offset: true }).optional().describe('When the sample ticket arrives (default: now)'),
});

const iso = (ms: number) => new Date(ms).toISOString();
const SimulationSchema = z.looseObject({
  processId: z.string(),
  version: z.number().int(),
  path: z.array(z.object({ stepId: z.string(), type: z.string(), outcome: z.string().nullable(), next: z.string().nullable() })),
  tasks: z.array(z.looseObject({ stepId: z.string(), departmentId: z.string() })),
  approvals: z.array(z.looseObject({ stepId: z.string(), autoApproved: z.boolean() })),
  messages: z.array(z.object({ stepId: z.string(), template: z.string() })),
  integrations: z.array(z.object({ stepId: z.string(), integration: z.string() })),
  resolved: z.boolean(),
  truncated: z.boolean(),
  deadlines: z.object({ firstResponseAt: z.string(), resolutionAt: z.string() }),
});

registerRoute({
  method: 'post',
  path: '/api/processes/{id}/simulate',
  summary: 'Walk a process with sample input: path, tasks, approvals, messages and SLA deadlines (nothing is stored)',
  tags: ['processes'],
  auth: 'apiKey',
  roles: CONFIG_ROLES,
  params: IdParamsSchema,
  body: SimulateBodySchema,
  responses: {
    200: { description: 'The simulated run', schema: SimulationSchema },
    400: { description: 'Invalid body (pointer per field)' },
    ...AUTH_ERRORS,
    404: { description: 'No such process or version' },
    413: { description: 'Body larger than 64 kB' },
    415: { description: 'Body not JSON' },
    422: { description: 'Unknown region or no SLA policy for it (UNKNOWN_REFERENCE), or a refund that is not money (INVALID_AMOUNT)' },
  },
});

export function processSimulationRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  const router = Router();
  router.post('/api/processes/:id/simulate', authenticate(config), requireRole(...CONFIG_ROLES), requireJsonContentType, async (req, res) => {
    const { id } = parseInput(IdParamsSchema, req.params, 'params');
    const body = parseInput(SimulateBodySchema, req.body, 'body');
    const process = body.version ? await getProcessVersion(id, body.version) : await getLatestProcess(id);
    if (!process) throw new MeridianError('PROCESS_NOT_FOUND', `process "${id}"${body.version ? ` version ${body.version}` : ''} not found`);
    const [region, policy] = await Promise.all([getRegion(body.regionId), getSlaPolicyForRegion(body.regionId)]);
    const unknown = !region ? 'no such region' : !policy ? 'no SLA policy for this region' : null;
    if (unknown) throw new MeridianError('UNKNOWN_REFERENCE', `region "${body.regionId}": ${unknown}`, { errors: [{ pointer: '/body/regionId', message: unknown }] });
    const outcomes = Object.fromEntries(Object.entries(body.outcomes).map(([step, o]) => [step, Array.isArray(o) ? o : [o]]));
    const facts: Partial<Record<(typeof BRANCH_FIELDS)[number], string>> = {
      tier: body.tier,
      region: body.regionId,
      priority: body.priority,
      language: body.language,
      channel: body.channel,
      ...(body.category ? { category: body.category } : {}),
    };
    const startAtMs = body.startAt ? Date.parse(body.startAt) : Date.now();
    const result = simulateProcess(process, { facts, amount: body.refund ?? null, outcomes, startAtMs }, { targets: processTargets(process, policy!.targets[body.priority]), calendar: region!.calendar });
    const { deadlines, ...rest } = result;
    res.json({
      processId: process.id,
      version: process.version,
      ...rest,
      deadlines: { firstResponseAt: iso(deadlines.firstResponseAtMs), resolutionAt: iso(deadlines.resolutionAtMs) },
    });
  });
  return router;
}
