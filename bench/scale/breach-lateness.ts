/** Escalation lateness: each `sla.breached` event's time (the workflow's clock when it fired) minus its deadline. */
import mongoose from 'mongoose';
import { TicketEventModel, type TicketEventDoc } from '../../models/ticket-event.model';
import { percentile } from '../load';

export interface Lateness {
  breaches: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Earliest and latest deadline among them, epoch ms: the spread the policy put the deadlines in. */
  firstDueAtMs: number;
  lastDueAtMs: number;
}

/** Polls until `expected` first-response breaches are stored (or `untilMs`); returns how many and when the last landed. */
export async function awaitBreaches(expected: number, untilMs: number): Promise<{ stored: number; allStoredAtMs: number | null }> {
  for (;;) {
    // A count the loaded database did not answer in time is asked again; the polls are 2 s apart, since this count
    // reads every event (FerretDB pushes the filter down, but no index serves it) while the breaches fire.
    const stored = await TicketEventModel.countDocuments({ type: 'sla.breached' }).catch((err: unknown) => {
      if (err instanceof mongoose.mongo.MongoNetworkError) return 0;
      throw err;
    });
    if (stored >= expected) return { stored, allStoredAtMs: Date.now() };
    if (Date.now() > untilMs) return { stored, allStoredAtMs: null };
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** Lateness over every stored first-response breach. */
export async function breachLateness(): Promise<Lateness> {
  const events = await TicketEventModel.find({ type: 'sla.breached' }).lean<TicketEventDoc[]>();
  const firstResponse = events.filter((e) => e.data.clock === 'firstResponse');
  const due = firstResponse.map((e) => Number(e.data.dueAtMs));
  const late = firstResponse.map((e) => e.at.getTime() - Number(e.data.dueAtMs)).sort((a, b) => a - b);
  return {
    breaches: firstResponse.length,
    p50Ms: percentile(late, 50),
    p99Ms: percentile(late, 99),
    maxMs: late.at(-1) ?? Number.NaN,
    firstDueAtMs: Math.min(...due),
    lastDueAtMs: Math.max(...due),
  };
}
