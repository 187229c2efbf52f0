import { IDENTITY_KINDS } from '../../domain/customers/identity';
import { escapeRegExp, nameKey } from '../../domain/customers/name-key';
import { normaliseEmail, normaliseIdentityValue, normalisePhone } from '../../domain/customers/normalise';
import { CustomerIdentityModel } from '../../models/customer-identity.model';
import { CustomerModel, type CustomerDoc } from '../../models/customer.model';
import { visibleCustomerIds, type CustomerScope } from './customer-access';

/** Candidates read per round, and rounds per page: an agent's page skips customers it may not see, up to this many. */
const BATCH = 100;
const MAX_ROUNDS = 5;

/** What a query matches: customers holding one of these exact identities or record values, and names with this prefix. */
interface Matcher {
  exactIds: string[];
  /** Folded name prefix; null for no query (every customer). */
  namePrefix: string | null;
}

/** The exact matches of a query: its value normalised as each identity kind, and as the record's e-mail or phone. */
async function matcherOf(raw: string | undefined): Promise<Matcher> {
  const query = raw?.trim();
  if (!query) return { exactIds: [], namePrefix: null }; // no query, or only spaces: every customer
  const keys = IDENTITY_KINDS.flatMap((kind) => {
    const value = normaliseIdentityValue(kind, query);
    return value === null ? [] : [`${kind}:${value}`];
  });
  const email = normaliseEmail(query);
  const phone = normalisePhone(query);
  const record = [...(email ? [{ email }] : []), ...(phone ? [{ phone }] : [])];
  const [identities, customers] = await Promise.all([
    keys.length ? CustomerIdentityModel.find({ _id: { $in: keys } }, { customerId: 1 }).lean() : [],
    record.length ? CustomerModel.find({ $or: record }, { _id: 1 }).lean() : [],
  ]);
  const exactIds = [...new Set([...identities.map((i) => i.customerId), ...customers.map((c) => c._id)])].sort();
  return { exactIds, namePrefix: nameKey(query) };
}

/** The next candidate ids after `after`, in id order: names by prefix (the index), exact matches merged in. */
async function candidateIds(m: Matcher, after: string | undefined, n: number): Promise<string[]> {
  const filter = {
    ...(after !== undefined ? { _id: { $gt: after } } : {}),
    ...(m.namePrefix === null ? {} : { nameKey: { $regex: `^${escapeRegExp(m.namePrefix)}` } }),
  };
  const named = m.namePrefix === '' ? [] : await CustomerModel.find(filter, { _id: 1 }).sort({ _id: 1 }).limit(n).lean();
  const exact = m.exactIds.filter((id) => after === undefined || id > after);
  return [...new Set([...named.map((d) => d._id), ...exact])].sort().slice(0, n);
}

/** A page of customers and where the next one starts (null: there is none). */
export interface CustomerSearchPage {
  customers: CustomerDoc[];
  nextCursor: string | null;
}

/**
 * Customers matching `query` (a name prefix in any case and accents, an e-mail, a phone in any international spelling,
 * any channel id; every customer without one) that the scope sees, in id order from `cursor`. Merged customers are left
 * out (their survivor is found). An agent's page may be short when it skipped many customers it may not see: follow
 * `nextCursor` until it is null.
 */
export async function searchCustomers(input: { query?: string; cursor?: string; limit: number }, scope: CustomerScope): Promise<CustomerSearchPage> {
  const matcher = await matcherOf(input.query);
  const found: CustomerDoc[] = [];
  let after = input.cursor;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const ids = await candidateIds(matcher, after, BATCH);
    const [docs, visible] = await Promise.all([CustomerModel.find({ _id: { $in: ids } }).lean<CustomerDoc[]>(), visibleCustomerIds(ids, scope)]);
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const id of ids) {
      const doc = byId.get(id);
      if (doc && !doc.mergedInto && visible.has(id)) found.push(doc);
      after = id;
      if (found.length === input.limit) {
        const more = ids.at(-1) !== id || ids.length === BATCH;
        return { customers: found, nextCursor: more ? id : null };
      }
    }
    if (ids.length < BATCH) return { customers: found, nextCursor: null };
  }
  return { customers: found, nextCursor: after ?? null };
}
