/** Worker memory with N open tickets: idle sample, fill to N tickets each waiting on a department task, GC, sample. */
import mongoose from 'mongoose';
import { TaskModel } from '../models/task.model';
import { measureIntake } from './intake';
import type { LoadResult } from './load';
import type { BenchServers } from './servers';
import type { MemorySample, WorkerProcess } from './worker-process';

export interface MemoryResult {
  openTickets: number;
  idle: MemorySample;
  loaded: MemorySample;
  /** Per open ticket, in KiB: RSS, main-isolate heap, workflow-thread heap. */
  perTicketKiB: { rss: number; heapUsed: number; workflowHeap: number };
  /** Tickets the worker took from intake to "first task created", per second, while the fill ran. */
  workerTicketsPerSecond: number;
  fillIntake: LoadResult;
}

/** Resolves once the read model holds `n` tasks (one per ticket whose first step is open); throws after timeoutMs. */
export async function tasksAtLeast(n: number, timeoutMs: number, worker: WorkerProcess): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const failure = worker.failure();
    if (failure) throw new Error(failure);
    // No filter: the cheapest count on every server. A count the overloaded database did not answer in time is
    // asked again (an hour-long scale run must not end on one slow round trip); the deadline still bounds the wait.
    const count = await TaskModel.estimatedDocumentCount().catch((err: unknown) => {
      if (err instanceof mongoose.mongo.MongoNetworkError) return -1;
      throw err;
    });
    if (count >= n) return count;
    if (Date.now() > deadline) throw new Error(`only ${Math.max(count, 0)} of ${n} tickets got their task within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const kib = (bytes: number, n: number) => Math.round((bytes / 1024 / n) * 10) / 10;

/** Opens tickets through the API until `target` are open (`alreadyOpen` before), waits for every task, samples memory. */
export async function measureWorkerMemory(s: BenchServers, worker: WorkerProcess, idle: MemorySample, target: number, alreadyOpen: number, concurrency: number): Promise<MemoryResult> {
  const open = Math.max(target, alreadyOpen);
  const tasksBefore = await tasksAtLeast(alreadyOpen, 600_000, worker);
  const started = performance.now();
  const fillIntake = await measureIntake(s.baseUrl, { count: open - alreadyOpen, concurrency, warmup: 0 });
  await tasksAtLeast(open, 900_000, worker);
  const workerTicketsPerSecond = (open - tasksBefore) / ((performance.now() - started) / 1000);
  await new Promise((r) => setTimeout(r, 2_000)); // let the last workflow tasks and activity completions settle
  const loaded = await worker.memory();
  return {
    openTickets: open,
    idle,
    loaded,
    perTicketKiB: {
      rss: kib(loaded.rssBytes - idle.rssBytes, open),
      heapUsed: kib(loaded.heapUsedBytes - idle.heapUsedBytes, open),
      workflowHeap: kib(loaded.workflowHeapBytes - idle.workflowHeapBytes, open),
    },
    workerTicketsPerSecond,
    fillIntake,
  };
}
