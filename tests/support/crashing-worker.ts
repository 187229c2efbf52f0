/**
 * Test-only worker entry for crash-point tests: the production worker (worker/worker.ts) with one database write
 * wrapped so that the process kills itself with SIGKILL right before that write — after the external effect or the
 * first write of an activity, before the record that says it happened. It crashes once: it first creates the marker
 * file, and a worker that finds the marker already there runs normally. Production code is not changed.
 *
 *   CRASH_POINT=outbox-sent                   before the outbox marks a mail sent (the SMTP server has accepted it)
 *   CRASH_POINT=channel-sent                  before the channel outbox records a request the platform answered
 *   CRASH_POINT=event-stored:<event type>     before the ticket snapshot of a stored event of that type is written
 *   CRASH_MARKER=<path>                       the marker file (its existence also tells the test the point was reached)
 */
import fs from 'node:fs';
import { z } from 'zod';
import { loadConfig } from '../../config/config';
import { createLogger } from '../../config/logger';
import { disconnectDatabase } from '../../models/connection';
import { ChannelOutboxModel } from '../../models/channel-outbox.model';
import { EmailOutboxModel } from '../../models/email-outbox.model';
import { TicketEventModel } from '../../models/ticket-event.model';
import { TicketModel } from '../../models/ticket.model';
import { installSdkLogger } from '../../worker/sdk-logging';
import { startWorker } from '../../worker/worker';

const CrashEnvSchema = z.object({
  CRASH_POINT: z.union([z.literal('outbox-sent'), z.literal('channel-sent'), z.string().regex(/^event-stored:[a-z_]+\.[a-z_]+$/)]),
  CRASH_MARKER: z.string().min(1),
});

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Kills this process the first time (creating the marker); false when the marker exists, so the write goes ahead. */
function crashOnce(marker: string): boolean {
  try {
    fs.writeFileSync(marker, `${process.pid}\n`, { flag: 'wx' });
  } catch {
    return false; // crashed before: run normally
  }
  process.kill(process.pid, 'SIGKILL');
  return true;
}

/** Wraps a model's static method so that calls matching `when` crash the process before they run. */
function crashBefore(model: object, method: string, marker: string, when: (args: unknown[]) => boolean): void {
  const target = model as Record<string, Method>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    if (when(args) && crashOnce(marker)) return new Promise(() => undefined); // SIGKILL is on its way: never write
    return original.apply(this, args);
  };
}

type Update = { $set?: Record<string, unknown> } | undefined;

/** The record of a request the platform answered: `sent` moves on (activities/channels/channel-outbox.ts). */
const recordsAnsweredRequest = (update: Update) => typeof update?.$set?.sent === 'number';

function installCrashPoint(point: string, marker: string): void {
  if (point === 'outbox-sent') {
    crashBefore(EmailOutboxModel, 'updateOne', marker, ([, update]) => (update as Update)?.$set?.state === 'sent');
    return;
  }
  if (point === 'channel-sent') {
    crashBefore(ChannelOutboxModel, 'updateOne', marker, ([, update]) => recordsAnsweredRequest(update as Update));
    return;
  }
  const eventType = point.slice('event-stored:'.length);
  const stored = new Set<string>(); // `${ticketId}:${seq}` of events of that type, once inserted
  const insertMany = TicketEventModel.insertMany.bind(TicketEventModel) as unknown as (docs: Array<{ ticketId: string; seq: number; type: string }>, options?: unknown) => Promise<unknown>;
  (TicketEventModel as unknown as { insertMany: typeof insertMany }).insertMany = async (docs, options) => {
    const inserted = await insertMany(docs, options);
    for (const doc of docs) if (doc.type === eventType) stored.add(`${doc.ticketId}:${doc.seq}`);
    return inserted;
  };
  // The snapshot write that would cover a stored event of that type (a batch's snapshot covers all its events).
  crashBefore(TicketModel, 'updateOne', marker, ([filter, update]) => {
    const seq = (update as Update)?.$set?.lastEventSeq;
    const id = (filter as { _id: string })._id;
    return typeof seq === 'number' && [...stored].some((key) => key.startsWith(`${id}:`) && Number(key.slice(id.length + 1)) <= seq);
  });
}

async function main(): Promise<void> {
  const crash = CrashEnvSchema.parse(process.env);
  installCrashPoint(crash.CRASH_POINT, crash.CRASH_MARKER);
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, name: 'meridian-crashing-worker' });
  installSdkLogger(logger);
  const started = await startWorker(config, logger);
  const stop = () => void started.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await started.done;
  await disconnectDatabase();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
