/**
 * The customer 360's record: search (`GET /api/customers`), read and staff changes (`GET`/`PATCH /api/customers/{id}`).
 * Agents see customers with a ticket that is or was in one of their departments; any other is 404, never 403.
 */
import { Router } from 'express';
import type { Config } from '../../config/config';
import { MeridianError } from '../../domain/errors';
import { getRegion } from '../../models/region.model';
import type { CustomerDoc } from '../../models/customer.model';
import type { CustomerScope } from '../../services/customers/customer-access';
import { customerFacts, findVisibleCustomer } from '../../services/customers/customer-record';
import { searchCustomers } from '../../services/customers/search-customers';
import { updateCustomer } from '../../services/customers/update-customer';
import { authenticate, getAuth, requireRole, type AuthContext } from '../middleware/auth';
import { createRateLimiter, createRateLimitStore, staffKeyOrAddress } from '../middleware/rate-limit';
import { registerRoute } from '../openapi/registry';
import { staffActor } from '../tickets/ticket-access';
import { parseInput, requireJsonContentType } from '../validation';
import { customerSummary, customerView } from './customer-view';
import { CustomerIdParamsSchema, CustomerPageSchema, CustomerSearchQuerySchema, CustomerViewSchema, PatchCustomerBodySchema, type PatchCustomerBody } from './customers.schema';

const STAFF = ['admin', 'ops', 'agent'] as const;
const NOT_FOUND = { description: 'No such customer (or, for agents, none with a ticket in your departments)' };

registerRoute({
  method: 'get',
  path: '/api/customers',
  summary: 'Find customers by name prefix, e-mail, phone or any channel id (agents: those with a ticket in their departments)',
  tags: ['customers'],
  auth: 'apiKey',
  roles: STAFF,
  query: CustomerSearchQuerySchema,
  rateLimited: true,
  responses: { 200: { description: 'A page of customers in id order (an agent’s may be short: follow nextCursor until null)', schema: CustomerPageSchema } },
});
registerRoute({
  method: 'get',
  path: '/api/customers/{id}',
  summary: 'Read a customer: profile, tier, tags, consent, identities, open tickets (a merged one answers with mergedInto)',
  tags: ['customers'],
  auth: 'apiKey',
  roles: STAFF,
  params: CustomerIdParamsSchema,
  responses: { 200: { description: 'The customer', schema: CustomerViewSchema }, 404: NOT_FOUND },
});
registerRoute({
  method: 'patch',
  path: '/api/customers/{id}',
  summary: 'Change what staff verified about a customer (name, region, time zone, language, tier, tags, consent); audited',
  tags: ['customers'],
  auth: 'apiKey',
  roles: STAFF,
  params: CustomerIdParamsSchema,
  body: PatchCustomerBodySchema,
  responses: {
    200: { description: 'The customer as changed', schema: CustomerViewSchema },
    404: NOT_FOUND,
    409: { description: 'The customer was merged (CUSTOMER_MERGED: change its survivor) or is being merged (MERGE_IN_PROGRESS)' },
    422: { description: 'A region or time zone that does not exist (UNKNOWN_REFERENCE)' },
  },
});

/** Whose customers the caller sees: an agent's departments, else everyone's. */
export function customerScope(auth: AuthContext): CustomerScope {
  return auth.role === 'agent' ? auth.departmentIds : null;
}

/** A customer the caller may see, or CUSTOMER_NOT_FOUND (404) whether it does not exist or is out of scope. */
export async function loadVisibleCustomer(auth: AuthContext, id: string): Promise<CustomerDoc> {
  const customer = await findVisibleCustomer(id, customerScope(auth));
  if (!customer) throw new MeridianError('CUSTOMER_NOT_FOUND', `customer ${id} not found`);
  return customer;
}

/** The changes with consent instants filled in (now when not given); the region must exist. */
async function customerChanges(body: PatchCustomerBody, now: Date) {
  if (body.regionId !== undefined && !(await getRegion(body.regionId))) {
    throw new MeridianError('UNKNOWN_REFERENCE', `no region "${body.regionId}"`, { errors: [{ pointer: '/body/regionId', message: 'no such region' }] });
  }
  const consent = body.consent
    ? Object.fromEntries(Object.entries(body.consent).flatMap(([ch, c]) => (c ? [[ch, { granted: c.granted, how: c.how, at: c.at ? new Date(c.at) : now }]] : [])))
    : undefined;
  return { ...body, consent };
}

/** Customer search and the customer record, for staff keys. */
export function customersRouter(deps: { config: Config; now?: () => number }): Router {
  const router = Router();
  const auth = authenticate(deps.config);
  const searchLimit = createRateLimiter({
    name: 'customer-search',
    windowMs: 60_000,
    max: deps.config.rateLimits.customerSearchPerMinute,
    // Per key (authenticated first): a leaked key cannot enumerate customers faster behind many addresses.
    key: staffKeyOrAddress,
    store: createRateLimitStore(deps.config.rateLimits),
    now: deps.now,
  });

  router.get('/api/customers', auth, requireRole(...STAFF), searchLimit, async (req, res) => {
    const query = parseInput(CustomerSearchQuerySchema, req.query, 'query');
    const page = await searchCustomers(query, customerScope(getAuth(res)));
    res.json({ items: page.customers.map(customerSummary), nextCursor: page.nextCursor });
  });

  router.get('/api/customers/:id', auth, requireRole(...STAFF), async (req, res) => {
    const { id } = parseInput(CustomerIdParamsSchema, req.params, 'params');
    const caller = getAuth(res);
    const customer = await loadVisibleCustomer(caller, id);
    res.json(customerView(customer, await customerFacts(customer, customerScope(caller))));
  });

  router.patch('/api/customers/:id', auth, requireRole(...STAFF), requireJsonContentType, async (req, res) => {
    const { id } = parseInput(CustomerIdParamsSchema, req.params, 'params');
    const body = parseInput(PatchCustomerBodySchema, req.body, 'body');
    const caller = getAuth(res);
    await loadVisibleCustomer(caller, id);
    const now = new Date(deps.now?.() ?? Date.now());
    await updateCustomer(id, await customerChanges(body, now), staffActor(caller), now);
    const customer = await loadVisibleCustomer(caller, id);
    res.json(customerView(customer, await customerFacts(customer, customerScope(caller))));
  });

  return router;
}
