import type { Router } from 'express';
import type { Config } from '../../config/config';
import { SlaPolicySchema } from '../../domain/sla-policy';
import { getSlaPolicyDoc, listSlaPolicyDocs, saveSlaPolicy } from '../../models/sla-policy.model';
import { writeRules } from './config-http';
import { versionedResourceRoutes } from './versioned-resource';

/** SLA policies: one per region, with targets per priority and the escalation ladder (admin, ops). */
export function slaPoliciesRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  return versionedResourceRoutes(config, {
    path: '/api/sla-policies',
    tag: 'sla-policies',
    name: 'SLA policy',
    notFoundCode: 'SLA_POLICY_NOT_FOUND',
    schema: SlaPolicySchema,
    summaries: {
      put: 'Create or replace the SLA policy of a region (targets, warning point, escalation ladder)',
      list: 'List SLA policies',
      get: 'Read an SLA policy',
    },
    descriptions: { list: 'Every policy', get: 'The policy', notFound: 'No such policy' },
    writeErrors: {
      409: { description: 'If-Match mismatch, or another policy already covers the region' },
      ...writeRules('the body id is the id in the path; ladder levels come in order of afterMinutes; the region and reassignment departments exist (UNKNOWN_REFERENCE).'),
    },
    list: () => listSlaPolicyDocs(),
    get: getSlaPolicyDoc,
    save: saveSlaPolicy,
  });
}
