/** Recipes of the customer routes: staff changes to a customer record, and a merge. */
import { JSON_LIMIT, type CorpusFixture, type Recipe } from './body-routes';

export function customerRouteRecipes(f: CorpusFixture): Record<string, Recipe> {
  return {
    'PATCH /api/customers/{id}': {
      url: `/api/customers/${f.customerId}`,
      writes: ['customers', 'customer_audit'],
      valid: {
        name: 'Ottoline Quarrington',
        tier: 'premium',
        tags: ['telescopes'],
        consent: { email: { granted: true, how: 'phone call about the brass telescope' } },
      },
      // Every field is optional on its own; a consent record must say whether it was granted.
      required: ['consent', 'email', 'granted'],
      // Read back through GET /api/customers/{id}, which shows the name and the consent's `how` at the same paths.
      text: [
        { path: ['name'], lines: 'single' },
        { path: ['consent', 'email', 'how'], lines: 'single' },
      ],
      emails: [],
      strict: ['tier'],
      nested: ['consent', 'email'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/customers/{id}/merge': {
      url: `/api/customers/${f.mergePair.survivorId}/merge`,
      writes: ['customers', 'customer_identities', 'tickets', 'merge_suggestions', 'customer_merges'],
      valid: { sourceId: f.mergePair.sourceId, reason: 'Ottoline wrote from two addresses' },
      required: ['sourceId'],
      // The reason is one-line free text like every other (domain/text.ts); a pair merges once, so the sanitised
      // variants would meet CUSTOMER_MERGED after the first.
      text: [],
      emails: [],
      strict: ['sourceId'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
  };
}
