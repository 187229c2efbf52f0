/** Every scenario finished and left its ticket in the expected status. */
import { tally, type Check } from './check';

export const scenarioCheck: Check = (observed, ledger) => {
  const t = tally('expected states');
  for (const rec of ledger) {
    t.check();
    if (rec.failure) {
      t.lose(`${rec.scenario}: ${rec.failure}`);
      continue;
    }
    const status = rec.id ? observed.tickets.get(rec.id)?.status : undefined;
    if (status !== rec.expectedStatus) t.lose(`${rec.id} (${rec.scenario}) is ${status}, expected ${rec.expectedStatus}`);
  }
  return t.result;
};
