import type { Router } from 'express';
import type { Config } from '../../config/config';
import { RegionSchema } from '../../domain/region';
import { getRegionDoc, listRegionDocs, saveRegion } from '../../models/region.model';
import { writeRules } from './config-http';
import { versionedResourceRoutes } from './versioned-resource';

/** Regions: where customers live and the business calendar their SLAs count on (admin, ops). */
export function regionsRouter(config: Pick<Config, 'secret' | 'previousSecret'>): Router {
  return versionedResourceRoutes(config, {
    path: '/api/regions',
    tag: 'regions',
    name: 'region',
    notFoundCode: 'REGION_NOT_FOUND',
    schema: RegionSchema,
    summaries: { put: 'Create or replace a region (calendar, holidays, quiet hours)', list: 'List regions', get: 'Read a region' },
    descriptions: { list: 'Every region', get: 'The region', notFound: 'No such region' },
    writeErrors: writeRules('the body id is the id in the path; the calendar time zone is one this server knows (UNKNOWN_REFERENCE).'),
    list: () => listRegionDocs(),
    get: getRegionDoc,
    save: saveRegion,
  });
}
