/** Opens the tickets through the intake paths in turn, spread over a window, and plays each one's scenario. */
import { randomBytes } from 'node:crypto';
import { ActorFailure, type ActorContext } from './actors/actor-context';
import { INTAKE_PATHS } from './actors/intake-path';
import { SCENARIOS } from './actors/scenarios';
import { newRecord, type TicketRecord } from './ledger';

export interface DriveOptions {
  tickets: number;
  /** Tickets are opened evenly over this many ms from the start. */
  openWindowMs: number;
  log: (line: string) => void;
}

/** Runs every ticket's intake and scenario; resolves with the ledger once all have finished or failed. */
export async function drive(ctx: ActorContext, options: DriveOptions): Promise<TicketRecord[]> {
  const runId = randomBytes(4).toString('hex');
  const records: TicketRecord[] = [];
  const running: Array<Promise<void>> = [];
  const gapMs = options.openWindowMs / options.tickets;
  for (let i = 0; i < options.tickets; i += 1) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const path = INTAKE_PATHS[i % INTAKE_PATHS.length]!;
    const rec = newRecord(i, scenario.name, path.name, scenario.expectedStatus, runId);
    records.push(rec);
    running.push(
      path
        .open(ctx, rec)
        .then(() => scenario.run(ctx, rec))
        .catch((err: unknown) => {
          rec.failure = err instanceof ActorFailure ? err.message : `error: ${String(err)}`;
          options.log(`actor failure: ${rec.failure}`);
        }),
    );
    if ((i + 1) % 50 === 0) options.log(`opened ${i + 1}/${options.tickets} tickets`);
    await new Promise((r) => setTimeout(r, gapMs));
  }
  await Promise.all(running);
  return records;
}
