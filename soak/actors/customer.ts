/** A customer following the ticket on the tracking page and answering there (no account: the query code). */
import type { TicketRecord } from '../ledger';
import { expectStatus, waitFor, type ActorContext } from './actor-context';

/** The customer of one ticket. */
export function customer(ctx: ActorContext, rec: TicketRecord) {
  const track = async () => {
    const answer = await ctx.http.send('GET', `/api/track/${rec.queryCode}`);
    expectStatus(rec, 'track', answer, [200]); // a code the API issued is always found
    return (answer.body as { status: string }).status;
  };
  return {
    track,
    /** Polls the tracking page until the status is `status`. */
    awaitStatus: (status: string) => waitFor(ctx, `${rec.id} ${status} on tracking`, async () => ((await track()) === status ? status : undefined)),
    async reply() {
      const token = `soak-token-${rec.intakeKey}-${rec.acked.length}`;
      const key = `${rec.intakeKey}:customer:${rec.acked.length}`;
      const answer = await ctx.http.send('POST', `/api/track/${rec.queryCode}/messages`, { body: { body: `Any news? (${token})` }, key });
      expectStatus(rec, 'customer reply', answer, [201]);
      rec.acked.push({ kind: 'customer-reply', token });
    },
  };
}
