import type { Router } from 'express';
import type { Config } from '../../config/config';
import { customerMergesRouter } from './customer-merges.routes';
import { customerTimelineRouter } from './customer-timeline.routes';
import { customersRouter } from './customers.routes';
import { mergeSuggestionsRouter } from './merge-suggestions.routes';

/** The CRM routers: merge suggestions first (its path would otherwise read as a customer id), then the customer record. */
export function customerRouters(deps: { config: Config; now?: () => number }): Router[] {
  return [mergeSuggestionsRouter(deps), customersRouter(deps), customerMergesRouter(deps), customerTimelineRouter(deps)];
}
