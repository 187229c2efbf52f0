/** The web/API intake path: `POST /api/tickets` with an Idempotency-Key; some clients repeat it as if the answer was lost. */
import type { TicketRecord } from '../ledger';
import { expectStatus, type ActorContext } from './actor-context';
import type { IntakePath } from './intake-path';

interface Opened {
  id: string;
  queryCode: string;
}

async function post(ctx: ActorContext, rec: TicketRecord): Promise<Opened> {
  const body = {
    channel: 'web',
    subject: `Soak ticket ${rec.index}: where is my order?`,
    description: 'I ordered a week ago and nothing arrived yet. Can you check please?',
    customer: { name: 'Sam Soak', email: `sam-${rec.intakeKey}@example.test`, regionId: 'test-utc' },
  };
  const answer = await ctx.http.send('POST', '/api/tickets', { body, key: rec.intakeKey });
  expectStatus(rec, 'intake', answer, [200, 201]);
  return answer.body as Opened;
}

export const webIntake: IntakePath = {
  name: 'web',
  async open(ctx, rec) {
    const opened = await post(ctx, rec);
    rec.id = opened.id;
    rec.queryCode = opened.queryCode;
    if (rec.index % 4 === 0) rec.replayedIds.push((await post(ctx, rec)).id); // a client that did not see the 201
  },
};
