/**
 * The authorization matrix: every route the API mounts × every kind of caller × the objects it acts on, and the answer
 * the API documents. authorization.test.ts runs every cell against a real app and fails when a mounted route has no
 * entry here (or no registry entry), or an entry names a route that is no longer mounted.
 *
 * The answers come from rules (`expectedStatus`, below) over the route's registry entry (api/openapi/registry.ts:
 * `auth`, `roles`) and the object's department; an entry lists only what the rules do not say (`except`).
 */
import type { RouteDoc } from '../../api/openapi/registry';
import type { Role } from '../../models/api-key.model';

/**
 * The departments of the test configuration (tests/support/test-config.ts): A's tasks are assigned at once, B's wait
 * unassigned (nobody on shift); C is where A's tickets escalate, and no caller here is its agent.
 */
export const DEPARTMENT_IDS = { A: 'support', B: 'night', C: 'escalations' } as const;
export type Dept = keyof typeof DEPARTMENT_IDS;

interface CallerSpec {
  /** The API key's role; absent for callers without a valid key. */
  role?: Role;
  departments?: readonly Dept[];
  /** The department member an agent key acts as. */
  memberId?: string;
  /** What a caller without a valid key sends: nothing, a revoked admin key, or the METRICS_TOKEN. */
  credential?: 'none' | 'revokedKey' | 'metricsToken';
}

/**
 * Who calls. Roles are models/api-key.model.ts's ROLES: admin, ops, agent (scoped to `departmentIds`).
 * - There is no lead role. A department's lead is one of its members (`leadId` in the department config), the member
 *   an escalation reassigns a task to; a lead calls with an agent key of the department acting as that member
 *   (`memberId`), and has an agent's rights, no more: `leadA` checks that.
 * - There is no auditor role (PRODUCT.md plans one): give it a caller here when ROLES gets it.
 * - Customers hold no key: a query code is their only credential, so "another customer" is another ticket's code
 *   (`nearMissCodeB`: ticket B's code with its last character changed) on the public tracking routes.
 */
export const CALLERS = {
  anonymous: { credential: 'none' },
  revokedAdmin: { credential: 'revokedKey' },
  metricsToken: { credential: 'metricsToken' },
  agentA: { role: 'agent', departments: ['A'], memberId: 'alice' },
  leadA: { role: 'agent', departments: ['A'], memberId: 'lena-lead' },
  agentB: { role: 'agent', departments: ['B'], memberId: 'nora' },
  ops: { role: 'ops' },
  admin: { role: 'admin' },
} as const satisfies Record<string, CallerSpec>;
export type Caller = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as Caller[];

/** Whose an object is, and what answers it gets whoever asks. */
interface TargetScope {
  label: string;
  /** Agents outside this department get 404 for it, never 403 (ids of other departments cannot be probed). */
  department?: Dept;
  /** Departments that held the ticket before: their agents may still read it, not act on it. */
  heldBy?: readonly Dept[];
  /** The answer to whoever may use the route: 404 (no such object) or 422 (conflicts with another customer's request). */
  refusedWith?: number;
}

/** The objects requests act on; fixtures.ts makes them through the real intake, workflow and config API. */
export const TARGETS = {
  nothing: { label: '-' }, // collection and meta routes
  ticketA: { label: 'ticket of A', department: 'A' }, // its current task is in A (path params: id, code, sha256 of its attachment)
  ticketB: { label: 'ticket of B', department: 'B' },
  ticketMovedFromA: { label: 'ticket moved from A to C', department: 'C', heldBy: ['A'] }, // A's task completed "escalate"
  approvalA: { label: 'approval for A’s leads', department: 'A' }, // a ticket of A waiting on the sign-off of a team lead of A (leadA)
  nearMissCodeB: { label: 'near miss of B’s code', department: 'B', refusedWith: 404 }, // last character changed
  customerB: { label: 'B’s customer' }, // intake by ticket B's customer (same e-mail address)
  intakeKeyOfB: { label: 'B’s Idempotency-Key', refusedWith: 422 }, // intake with the key B was opened with, another body
  departmentA: { label: 'department A', department: 'A' }, // its configuration and inbox
  departmentB: { label: 'department B', department: 'B' },
  region: { label: 'region' },
  slaPolicy: { label: 'SLA policy' },
  triageRules: { label: 'triage rules' },
  process: { label: 'process' }, // "general", version 1
  apiKeyB: { label: 'agent key of B', department: 'B' }, // nobody's credential here
  channel: { label: 'channel' }, // a WhatsApp channel (path params: id, channelId)
  customerOfA: { label: 'customer of A', department: 'A' }, // ticket A's customer: a ticket in A
  customerOfB: { label: 'customer of B', department: 'B' }, // ticket B's customer: tickets in B only
  customerPair: { label: 'two customers' }, // no tickets: a merge of the second into the first
  customerMerge: { label: 'a merge' }, // done, nothing written since: it can be undone
} as const satisfies Record<string, TargetScope>;
export type TargetName = keyof typeof TARGETS;

/** One object as a request names it. */
export interface Target extends TargetScope {
  params: Record<string, string>;
  /** Tickets: the current task, and a member of its department (whom claims name). */
  taskId?: string;
  memberId?: string;
  /** Configuration as stored, or an intake body. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface Entry {
  /** "METHOD /path/{param}", as the registry spells it. */
  route: string;
  on: readonly TargetName[];
  /** The answer to a caller who may act. */
  ok: number;
  /** The request body, built from the object and the caller: valid, and a change, so a refused write can be seen to change nothing. */
  send?: (target: Target, caller: Caller) => object;
  /**
   * A success changes the object, so successes act on fresh objects like it and refusals on the shared one, which
   * stays as it was: 'each' success gets its own (a task completes once), or one per 'row' (a task can be claimed
   * again, messages and notes added again).
   */
  fresh?: 'each' | 'row';
  /** Documented answers the rules do not give. */
  except?: Partial<Record<Caller, number>>;
}

const TICKETS = ['ticketA', 'ticketB', 'ticketMovedFromA'] as const;
const DEPARTMENTS = ['departmentA', 'departmentB'] as const;
const CODES = ['ticketA', 'nearMissCodeB'] as const;
const CUSTOMERS = ['customerOfA', 'customerOfB'] as const;
/** The stored body with the caller in its name: an allowed write shows whose it was, a refused one leaves no trace. */
const renamed = (t: Target, caller: Caller) => ({ ...t.body, name: `${String(t.body?.name)} (${caller})` });
const text = (body: string) => () => ({ body });
const payloads = () => ({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') }] });

export const MATRIX: readonly Entry[] = [
  // Meta: public, or the bearer of METRICS_TOKEN (an API key, even admin's, is not accepted there).
  { route: 'GET /healthz', on: ['nothing'], ok: 200 },
  { route: 'GET /readyz', on: ['nothing'], ok: 200 },
  { route: 'GET /openapi.json', on: ['nothing'], ok: 200 },
  { route: 'GET /metrics', on: ['nothing'], ok: 200 },

  // Customers: intake and tracking by query code (any Authorization header is ignored).
  { route: 'POST /api/tickets', on: ['customerB', 'intakeKeyOfB'], ok: 201, send: (t) => t.body ?? {} },
  { route: 'GET /api/track/{code}', on: CODES, ok: 200 },
  { route: 'GET /api/track/{code}/messages', on: CODES, ok: 200 },
  // Survey links: the page opens for anyone holding the link (it records nothing); B's ticket has no survey open, so
  // a vote is a 404 whoever sends it. tests/workflows/survey.test.ts votes on open surveys.
  { route: 'GET /survey/{token}', on: ['ticketB'], ok: 200 },
  { route: 'POST /api/surveys/{token}', on: ['ticketB'], ok: 404, send: () => ({ score: 4 }) },
  { route: 'POST /api/track/{code}/messages', on: CODES, ok: 201, fresh: 'row', send: text('Any news on this?') },

  // Staff: tickets, scoped to the departments that hold (or held) them; actions to the department that holds the task.
  { route: 'GET /api/tickets/{id}', on: TICKETS, ok: 200 },
  { route: 'GET /api/tickets/{id}/events', on: TICKETS, ok: 200 },
  // Attachments: each ticket carries a mailed-in file (fixtures.ts); its hash opens it on its own ticket only.
  { route: 'GET /api/tickets/{id}/attachments', on: TICKETS, ok: 200 },
  { route: 'GET /api/tickets/{id}/attachments/{sha256}', on: TICKETS, ok: 200 },
  { route: 'POST /api/tickets/{id}/claim', on: TICKETS, ok: 200, fresh: 'row', send: (t) => ({ taskId: t.taskId, memberId: t.memberId }) },
  { route: 'POST /api/tickets/{id}/replies', on: TICKETS, ok: 200, fresh: 'row', send: text('We are on it.') },
  { route: 'POST /api/tickets/{id}/info-requests', on: TICKETS, ok: 200, fresh: 'row', send: text('Which order number?') },
  { route: 'POST /api/tickets/{id}/notes', on: TICKETS, ok: 200, fresh: 'row', send: text('Internal: checked the warehouse.') },
  { route: 'POST /api/tickets/{id}/priority', on: TICKETS, ok: 200, fresh: 'row', send: () => ({ priority: 'high', reason: 'Their shop is down' }) },
  { route: 'POST /api/tickets/{id}/complete', on: TICKETS, ok: 200, fresh: 'each', send: (t) => ({ taskId: t.taskId, outcome: 'done' }) },
  { route: 'GET /api/departments/{id}/tasks', on: DEPARTMENTS, ok: 200 },
  // Approvals: answered by an eligible member of the level's department (leadA holds the role); alice of A does not.
  // The inbox: every caller here with a key acts as a member (a key without one is 422: tests/api/approvals-inbox.test.ts).
  { route: 'GET /api/approvals', on: ['nothing'], ok: 200 },
  { route: 'POST /api/tickets/{id}/approvals/{approvalId}/approve', on: ['approvalA'], ok: 200, fresh: 'each', send: () => ({ reason: 'Checked' }), except: { agentA: 403 } },
  { route: 'POST /api/tickets/{id}/approvals/{approvalId}/reject', on: ['approvalA'], ok: 200, fresh: 'each', send: () => ({ reason: 'Not covered' }), except: { agentA: 403 } },

  // Customers: staff read and change those with a ticket in their departments; admin and ops merge and undo.
  { route: 'GET /api/customers', on: ['nothing'], ok: 200 },
  { route: 'GET /api/customers/merge-suggestions', on: ['nothing'], ok: 200 },
  { route: 'GET /api/customers/{id}', on: CUSTOMERS, ok: 200 },
  { route: 'PATCH /api/customers/{id}', on: CUSTOMERS, ok: 200, send: (_t, caller) => ({ tags: [caller.toLowerCase()] }) },
  { route: 'GET /api/customers/{id}/timeline', on: CUSTOMERS, ok: 200 },
  { route: 'POST /api/customers/{id}/merge', on: ['customerPair'], ok: 200, fresh: 'each', send: (t) => ({ sourceId: t.body?.sourceId }) },
  { route: 'POST /api/customers/{id}/merges/{mergeId}/undo', on: ['customerMerge'], ok: 200, fresh: 'each' },

  // Configuration: admin and ops write; departments are also readable by their own agents.
  { route: 'GET /api/departments', on: ['nothing'], ok: 200 },
  { route: 'GET /api/departments/{id}', on: DEPARTMENTS, ok: 200 },
  { route: 'PUT /api/departments/{id}', on: DEPARTMENTS, ok: 200, send: renamed },
  { route: 'GET /api/regions', on: ['nothing'], ok: 200 },
  { route: 'GET /api/regions/{id}', on: ['region'], ok: 200 },
  { route: 'PUT /api/regions/{id}', on: ['region'], ok: 200, send: renamed },
  { route: 'GET /api/sla-policies', on: ['nothing'], ok: 200 },
  { route: 'GET /api/sla-policies/{id}', on: ['slaPolicy'], ok: 200 },
  { route: 'PUT /api/sla-policies/{id}', on: ['slaPolicy'], ok: 200, send: renamed },
  { route: 'GET /api/triage-rules', on: ['triageRules'], ok: 200 },
  {
    route: 'PUT /api/triage-rules',
    on: ['triageRules'],
    ok: 200,
    send: (t, caller) => ({ ...t.body, urgentWords: { ...(t.body?.urgentWords as object), de: [`dringend ${caller}`] } }),
  },
  { route: 'GET /api/processes', on: ['nothing'], ok: 200 },
  { route: 'GET /api/processes/{id}', on: ['process'], ok: 200 },
  { route: 'GET /api/processes/{id}/versions/{version}', on: ['process'], ok: 200 },
  { route: 'POST /api/processes', on: ['process'], ok: 201, send: renamed },
  { route: 'POST /api/processes/{id}/simulate', on: ['process'], ok: 200, send: () => ({ regionId: 'test-utc', outcomes: { handle: 'escalate' } }) },

  // Channels: admin and ops configure them; the webhook is public, authenticated by the platform's signature, so a
  // request without one is refused alike for everyone (401), as is a handshake without Meta's parameters (403).
  { route: 'GET /api/channels', on: ['nothing'], ok: 200 },
  { route: 'GET /api/channels/{id}', on: ['channel'], ok: 200 },
  { route: 'PUT /api/channels/{id}', on: ['channel'], ok: 200, send: renamed },
  { route: 'GET /api/channels/{channelId}/webhook', on: ['channel'], ok: 403 },
  { route: 'POST /api/channels/{channelId}/webhook', on: ['channel'], ok: 401, send: () => ({ object: 'whatsapp_business_account', entry: [] }) },

  // Web chat: the widget's script is public; its endpoints answer pages of the channel's allowed origins only, so a
  // request without an Origin (no browser page sent it) is 403 alike for everyone, whatever it carries
  // (tests/channels/webchat-api.test.ts: origins, site keys and visitor tokens).
  { route: 'GET /webchat/widget.js', on: ['nothing'], ok: 200 },
  { route: 'POST /api/webchat/{channelId}/sessions', on: ['channel'], ok: 403, send: () => ({ siteKey: `wk_${'A'.repeat(32)}` }) },
  { route: 'POST /api/webchat/{channelId}/messages', on: ['channel'], ok: 403, send: () => ({ clientMessageId: 'authz-message-1', text: 'Hello?' }) },
  { route: 'GET /api/webchat/{channelId}/messages', on: ['channel'], ok: 403 },
  { route: 'POST /api/webchat/{channelId}/receipts', on: ['channel'], ok: 403, send: () => ({ messageIds: [`wcm_${'A'.repeat(24)}`], status: 'read' }) },

  // Admin only: API keys and the Temporal codec.
  { route: 'GET /api/api-keys', on: ['nothing'], ok: 200 },
  { route: 'POST /api/api-keys', on: ['apiKeyB'], ok: 201, send: (_t, caller) => ({ name: `made by ${caller}`, role: 'agent', departmentIds: [DEPARTMENT_IDS.B] }) },
  { route: 'DELETE /api/api-keys/{id}', on: ['apiKeyB'], ok: 204, fresh: 'each' },
  { route: 'POST /codec/decode', on: ['nothing'], ok: 200, send: payloads },
  { route: 'POST /codec/encode', on: ['nothing'], ok: 200, send: payloads },
];

/**
 * The documented answer to `caller` on `route` acting on `target`:
 * - public routes answer everyone alike;
 * - `metricsToken` routes: the token's bearer, 401 for everyone else;
 * - API-key routes: 401 without a valid key (none, revoked, the metrics token); 403 for a role the registry does not
 *   list; 404 for an agent outside the object's department (scope is checked before existence, so both look alike),
 *   except that a department that held a ticket keeps reading it;
 * - then the object's own answer (404, 422), or the entry's success.
 */
export function expectedStatus(doc: RouteDoc, entry: Entry, caller: Caller, name: TargetName): number {
  const documented = entry.except?.[caller];
  if (documented !== undefined) return documented;
  const c: CallerSpec = CALLERS[caller];
  const target: TargetScope = TARGETS[name];
  if (doc.auth === 'metricsToken' && c.credential !== 'metricsToken') return 401;
  if (doc.auth === 'apiKey') {
    if (!c.role) return 401;
    if (!doc.roles?.includes(c.role)) return 403;
    const mine = (d: Dept | undefined) => d !== undefined && (c.departments ?? []).includes(d);
    const readsHeld = doc.method === 'get' && (target.heldBy ?? []).some(mine);
    if (c.role === 'agent' && target.department && !mine(target.department) && !readsHeld) return 404;
  }
  return target.refusedWith ?? entry.ok;
}

/**
 * Whether an answer may carry data of the object `owner` (beyond what the request itself sent). A refusal carries
 * nobody's. A success on a staff route carries what the key may see: admin and ops everything, an agent its
 * departments' objects. A public or metrics answer carries at most the object the request named, and never what
 * only staff see (a tracking view shows its own ticket, not its internal notes, task or the staff who work on it).
 */
export function mayShow(doc: RouteDoc, caller: Caller, status: number, named: TargetName, owner: { name: TargetName; department?: Dept; staffOnly?: boolean }): boolean {
  if (status < 200 || status >= 300) return false;
  if (doc.auth !== 'apiKey') return owner.name === named && !owner.staffOnly;
  const c: CallerSpec = CALLERS[caller];
  if (c.role !== 'agent') return true;
  return owner.department !== undefined && (c.departments ?? []).includes(owner.department);
}
