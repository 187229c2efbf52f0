/** Opens tickets through POST /api/tickets of one or more API processes, each in a region the caller picks. */
import { randomUUID } from 'node:crypto';
import { intakeBody } from '../bodies';
import { expectStatus, httpRequest } from '../http-client';
import { runLoad, type LoadResult } from '../load';

const INTAKE_ATTEMPTS = 5;

export interface IntakeRun {
  count: number;
  concurrency: number;
  /** API base URLs, used round-robin. */
  apis: string[];
  /** The region of ticket number `i` of this run. */
  regionOf(i: number): string;
  /** Numbers tickets across runs (customers and bodies stay unique). */
  offset: number;
}

/**
 * POSTs `count` tickets, each with a fresh Idempotency-Key and customer; a 5xx is retried with the same key (up to 5
 * attempts) as the API advises, so each latency is the customer's wait for the 201.
 */
export function openTickets(run: IntakeRun): Promise<LoadResult> {
  return runLoad({
    count: run.count,
    concurrency: run.concurrency,
    task: async (i) => {
      const key = randomUUID();
      const base = intakeBody(run.offset + i);
      const body = { ...base, customer: { ...base.customer, regionId: run.regionOf(i) } };
      const api = run.apis[i % run.apis.length]!;
      for (let attempt = 1; ; attempt++) {
        const res = await httpRequest(api, 'POST', '/api/tickets', body, { 'idempotency-key': key });
        if (res.status === 201) return;
        if (res.status < 500 || attempt === INTAKE_ATTEMPTS) expectStatus(res.status, 201, res.body, `POST /api/tickets (attempt ${attempt})`);
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    },
  });
}
