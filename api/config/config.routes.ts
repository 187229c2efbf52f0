import type { Router } from 'express';
import type { Config } from '../../config/config';
import { apiKeysRouter } from './api-keys.routes';
import { departmentsRouter } from './departments.routes';
import { processSimulationRouter } from './process-simulation.routes';
import { processesRouter } from './processes.routes';
import { regionsRouter } from './regions.routes';
import { slaPoliciesRouter } from './sla-policies.routes';
import { triageRulesRouter } from './triage-rules.routes';

/**
 * The ops configuration API. Each router declares full paths (`/api/regions/:id`) and authenticates
 * per route, so mounting them at "/" never puts a guard in front of other routers' paths.
 */
export function configRouters(config: Pick<Config, 'secret' | 'previousSecret'>): Router[] {
  return [
    regionsRouter(config),
    departmentsRouter(config),
    slaPoliciesRouter(config),
    triageRulesRouter(config),
    processesRouter(config),
    processSimulationRouter(config),
    apiKeysRouter(config),
  ];
}
