/**
 * Which of Meridian's query filters FerretDB pushes down to its storage (its `explain` says so in `filterPushdown`;
 * on PostgreSQL the plan's `Filter` names the fields that went into SQL). What is not pushed down is filtered in
 * FerretDB after every document of the collection was read and decoded.
 */
import type { mongo } from 'mongoose';

/** One query shape from the code, with the code that sends it. */
interface HotPath {
  where: string;
  collection: string;
  filter: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
}

const T = 'tkt_0000000001';
/** The query shapes Meridian's hot paths send (models/, services/, activities/, api/), with sample values. */
export const HOT_PATHS: HotPath[] = [
  { where: 'ticket by id (tracking, staff view, activities)', collection: 'tickets', filter: { _id: T } },
  { where: 'pending-intake sweeper', collection: 'tickets', filter: { intake: 'pending', createdAt: { $lt: new Date() } }, sort: { createdAt: 1 } },
  { where: 'tickets waiting on configuration', collection: 'tickets', filter: { status: 'needs_attention' } },
  { where: "inbox: its tickets' summaries (one read each)", collection: 'tickets', filter: { _id: T } },
  { where: 'task by id (event writes)', collection: 'tasks', filter: { _id: 'task_1' } },
  { where: 'department inbox (one query per status)', collection: 'tasks', filter: { departmentId: 'billing', status: 'open' }, sort: { priorityRank: -1, createdAt: 1 } },
  { where: "department inbox, an agent's", collection: 'tasks', filter: { departmentId: 'billing', status: 'open', assigneeId: 'agent-1' } },
  { where: 'timeline, newest page', collection: 'ticket_events', filter: { ticketId: T }, sort: { seq: -1 } },
  { where: 'timeline, older page', collection: 'ticket_events', filter: { ticketId: T, seq: { $lt: 40 } }, sort: { seq: -1 } },
  { where: 'tracking messages (public only)', collection: 'ticket_events', filter: { ticketId: T, visibility: 'public' }, sort: { seq: -1 } },
  { where: 'event by id (write once)', collection: 'ticket_events', filter: { _id: `${T}:1` } },
  { where: 'customer, identity, query code, intake key, outbox, …', collection: 'customers', filter: { _id: 'cus_1' } },
  { where: 'API key authentication (every staff request; one read per accepted hash)', collection: 'api_keys', filter: { hash: 'h1' } },
  { where: 'SLA policy of a region (triage)', collection: 'sla_policies', filter: { regionId: 'eu' } },
  { where: 'latest process version (plan)', collection: 'processes', filter: { processId: 'refund' }, sort: { version: -1 } },
  { where: 'rate-limit sweep (FerretDB has no TTL index)', collection: 'rate_limit_hits', filter: { expiresAt: { $lte: new Date() } } },
];

/** How much of a filter one backend pushes down. */
export interface PushdownRow {
  where: string;
  collection: string;
  filter: string;
  /** 'all', 'none', or the fields that were pushed down (PostgreSQL pushes some conditions and not others). */
  pushed: string;
}

/** Runs `explain` for every hot path in a scratch database (one document per collection, so each table exists). */
export async function explainHotPaths(client: mongo.MongoClient, dbName: string): Promise<PushdownRow[]> {
  const db = client.db(dbName);
  try {
    for (const name of new Set(HOT_PATHS.map((h) => h.collection))) await db.collection(name).insertOne({ _id: 'seed' as never });
    const rows: PushdownRow[] = [];
    for (const h of HOT_PATHS) {
      const reply = await db.command({ explain: { find: h.collection, filter: h.filter, ...(h.sort ? { sort: h.sort } : {}) }, verbosity: 'queryPlanner' });
      rows.push({ where: h.where, collection: h.collection, filter: shape(h.filter, h.sort), pushed: pushedPart(h.filter, reply) });
    }
    return rows;
  } finally {
    await db.dropDatabase();
  }
}

/** `{ ticketId, seq: $lt } sort seq -1`: the filter's shape without its values. */
function shape(filter: Record<string, unknown>, sort?: Record<string, number>): string {
  const fields = Object.entries(filter).map(([k, v]) => (v && typeof v === 'object' && !(v instanceof Date) ? `${k}: ${Object.keys(v).join(',')}` : k));
  const order = sort ? ` sort ${Object.entries(sort).map(([k, d]) => `${k} ${d}`).join(', ')}` : '';
  return `{ ${fields.join(', ')} }${order}`;
}

function pushedPart(filter: Record<string, unknown>, reply: mongo.Document): string {
  if (reply.filterPushdown === undefined) return 'n/a (not FerretDB)';
  if (!reply.filterPushdown) return 'none';
  // PostgreSQL's plan names each pushed-down field: (_jsonb -> 'departmentId'::text) @> …; SQLite pushes `_id` alone.
  const planText = JSON.stringify(reply.queryPlanner ?? {});
  const named = [...planText.matchAll(/-> '([^']+)'::text/g)].map((m) => m[1]!);
  if (named.length === 0) return 'all';
  const fields = Object.keys(filter);
  const pushed = fields.filter((f) => named.includes(f));
  return pushed.length === fields.length ? 'all' : pushed.join(', ');
}
