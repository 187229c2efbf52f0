/** What every actor acts with: the retrying HTTP client, the staff keys, and how long to wait for a state. */
import type { SoakHttp, ApiAnswer } from '../http-client';
import type { TicketRecord } from '../ledger';

export interface ActorContext {
  http: SoakHttp;
  adminKey: string;
  /** Agent API keys by department id, each acting as one member of it. */
  agentKeys: Record<string, string>;
  /** How long an actor waits for a ticket to reach the state it acts on (servers may be down meanwhile). */
  waitMs: number;
}

/** An answer the scenario cannot go on from: recorded as the ticket's failure. */
export class ActorFailure extends Error {}

/** Fails the scenario unless `answer` has one of the `ok` statuses. */
export function expectStatus(rec: TicketRecord, step: string, answer: ApiAnswer, ok: number[]): void {
  if (ok.includes(answer.status)) return;
  const code = (answer.body as { code?: string } | null)?.code ?? '';
  throw new ActorFailure(`${rec.id ?? rec.intakeKey} ${step}: ${answer.status} ${code}`);
}

/** Polls `probe` every 1–2 s until it returns a value, or fails the scenario after `ctx.waitMs`. */
export async function waitFor<T>(ctx: ActorContext, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ctx.waitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new ActorFailure(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1_000 + Math.random() * 1_000));
  }
}
