/**
 * The database alone, through the driver: the four operations Meridian's hot paths are made of, at the bench's
 * concurrency, on a collection of N documents shaped like tasks, then again after growing it to a larger N.
 */
import type { mongo } from 'mongoose';
import { runLoad, type LoadResult } from './load';

/** The four operations, in the order they run (the upserts create the documents the others use). */
export const DB_OPS = ['upsert $setOnInsert by _id', '$set by _id', 'read by _id', 'two-field filter (≤50 docs)'] as const;
/** One of the four operations. */
export type DbOp = (typeof DB_OPS)[number];

/** The operations' figures on a collection of `docs` documents. */
export interface DbOpsRound {
  docs: number;
  ops: Record<DbOp, LoadResult>;
}

export interface DbOpsShape {
  /** Operations per kind (the upserts make this many documents). */
  count: number;
  concurrency: number;
  /** Documents the collection is grown to for the second round, which runs `count / 10` operations per kind. */
  grownTo: number;
  /** No operation kind runs longer than this (a slow one then reports fewer operations). */
  maxSeconds: number;
}

/** SQLite filters a two-field query in FerretDB after reading every document: a few per second on 10,000. */
export const DB_OP_MAX_SECONDS = 45;

const DEPARTMENTS = 20;
const STATUSES = ['open', 'claimed', 'done'] as const;

/** A task-shaped document (~500 bytes of JSON). */
function taskDoc(i: number) {
  return {
    ticketId: `tkt_${i.toString(36).padStart(8, '0')}`,
    stepId: 'triage',
    title: `Look into request ${i}: the customer reports a failed payment and asks for a refund`,
    departmentId: `dept-${i % DEPARTMENTS}`,
    status: STATUSES[i % STATUSES.length]!,
    assigneeId: null,
    allowedOutcomes: ['resolved', 'escalate', 'needs-info'],
    priority: 'normal',
    priorityRank: i % 4,
    dueAtMs: 1_800_000_000_000 + i * 60_000,
    lastEventSeq: 3,
    createdAt: new Date(1_780_000_000_000 + i * 1_000),
    updatedAt: new Date(1_780_000_000_000 + i * 1_000),
  };
}

const id = (i: number) => `task_${i.toString(36).padStart(8, '0')}`;

/** One round of the four operations with ids `from` … `from + count - 1` for the upserts. */
async function round(tasks: mongo.Collection, from: number, count: number, shape: DbOpsShape): Promise<Record<DbOp, LoadResult>> {
  const load = { count, concurrency: shape.concurrency, warmup: 0, maxSeconds: shape.maxSeconds };
  const ops = {} as Record<DbOp, LoadResult>;
  ops['upsert $setOnInsert by _id'] = await runLoad({
    ...load,
    task: async (i) => void (await tasks.updateOne({ _id: id(from + i) as never }, { $setOnInsert: taskDoc(from + i) }, { upsert: true })),
  });
  const made = from + ops['upsert $setOnInsert by _id'].count;
  const existing = (i: number) => id((i * 7919) % made); // spread over the whole collection
  ops['$set by _id'] = await runLoad({
    ...load,
    task: async (i) => void (await tasks.updateOne({ _id: existing(i) as never }, { $set: { status: 'claimed', assigneeId: `agent-${i % 5}`, updatedAt: new Date() } })),
  });
  ops['read by _id'] = await runLoad({ ...load, task: async (i) => void (await tasks.findOne({ _id: existing(i + 1) as never })) });
  ops['two-field filter (≤50 docs)'] = await runLoad({
    ...load,
    task: async (i) => void (await tasks.find({ departmentId: `dept-${i % DEPARTMENTS}`, status: 'open' }).limit(50).toArray()),
  });
  return ops;
}

/** Operations per kind in the second round, on the grown collection. */
export function grownRoundCount(shape: DbOpsShape): number {
  return Math.max(1, Math.round(shape.count / 10));
}

/** Both rounds on a fresh collection of `db` (dropped afterwards). */
export async function measureDbOps(db: mongo.Db, shape: DbOpsShape): Promise<DbOpsRound[]> {
  const tasks = db.collection('bench_tasks');
  await tasks.drop().catch(() => undefined);
  await tasks.createIndex({ departmentId: 1, status: 1 }); // what the inbox query would use on MongoDB
  try {
    const firstOps = await round(tasks, 0, shape.count, shape);
    const first = { docs: await tasks.estimatedDocumentCount(), ops: firstOps };
    for (let next = first.docs; next < shape.grownTo; next += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, shape.grownTo - next) }, (_, k) => ({ _id: id(next + k), ...taskDoc(next + k) }));
      await tasks.insertMany(batch as never[]);
    }
    const second = { docs: shape.grownTo, ops: await round(tasks, shape.grownTo, grownRoundCount(shape), shape) };
    return [first, second];
  } finally {
    await tasks.drop().catch(() => undefined);
  }
}
