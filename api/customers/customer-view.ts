import { CONSENT_CHANNELS } from '../../domain/customers/consent';
import type { CustomerDoc } from '../../models/customer.model';
import type { CustomerFacts } from '../../services/customers/customer-record';
import type { CustomerSummary, CustomerView } from './customers.schema';

/** A customer as lists show it. */
export function customerSummary(c: CustomerDoc): CustomerSummary {
  return { id: c._id, name: c.profile?.name ?? null, email: c.email ?? null, phone: c.phone ?? null, tier: c.tier, mergedInto: c.mergedInto ?? null };
}

/** The customer 360's record: profile, tier, tags, consent, identities, dates and open tickets. */
export function customerView(c: CustomerDoc, facts: CustomerFacts): CustomerView {
  const p = c.profile;
  const consent = Object.fromEntries(
    CONSENT_CHANNELS.map((ch) => {
      const r = c.consent?.[ch];
      return [ch, r ? { granted: r.granted, at: new Date(r.at).toISOString(), how: r.how } : null];
    }),
  ) as CustomerView['consent'];
  return {
    ...customerSummary(c),
    profile: p ? { name: p.name ?? null, language: p.language ?? null, timeZone: p.timeZone ?? null, regionId: p.regionId ?? null, source: p.source, updatedAt: p.updatedAt.toISOString() } : null,
    tags: c.tags ?? [],
    consent,
    identities: facts.identities.map((i) => ({ id: i._id, kind: i.kind, value: i._id.slice(i.kind.length + 1), since: i.createdAt.toISOString() })),
    createdAt: c.createdAt.toISOString(),
    lastSeenAt: facts.lastSeenAt.toISOString(),
    openTickets: facts.openTickets,
    pendingMerge: c.pendingMerge ?? null,
  };
}
