/** Intake as a customer's client sees it: POST /api/tickets until the 201. */
import { randomUUID } from 'node:crypto';
import { intakeBody } from './bodies';
import { expectStatus, httpRequest } from './http-client';
import { runLoad, type LoadResult, type LoadShape } from './load';

/** Intake figures plus the 5xx answers a retrying client saw on the way to its 201s. */
export type IntakeResult = LoadResult & { retries: number; retriedStatuses: Record<string, number> };

const INTAKE_ATTEMPTS = 5;

/**
 * POST /api/tickets with a fresh Idempotency-Key and customer each, as a client that follows the API's advice: a 5xx
 * is retried with the same key (up to 5 attempts), so the latency is the customer's wait until the 201.
 */
export async function measureIntake(baseUrl: string, shape: LoadShape, codes: string[] = []): Promise<IntakeResult> {
  const retriedStatuses: Record<string, number> = {};
  let retries = 0;
  const result = await runLoad({
    ...shape,
    task: async (i) => {
      const key = randomUUID();
      const body = intakeBody(i);
      for (let attempt = 1; ; attempt++) {
        const res = await httpRequest(baseUrl, 'POST', '/api/tickets', body, { 'idempotency-key': key });
        if (res.status === 201) return void codes.push((JSON.parse(res.body) as { queryCode: string }).queryCode);
        if (res.status < 500 || attempt === INTAKE_ATTEMPTS) expectStatus(res.status, 201, res.body, `POST /api/tickets (attempt ${attempt})`);
        retries += 1;
        retriedStatuses[res.status] = (retriedStatuses[res.status] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    },
  });
  return { ...result, retries, retriedStatuses };
}
