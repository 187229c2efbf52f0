/**
 * How the bad-input corpus reaches each route that takes a body: the concrete URL, a valid body and where its kinds
 * of fields are. Keyed like the route registry ("POST /api/tickets/{id}/claim"); the test fails for a body route
 * without a recipe here, so a new one is covered as soon as it is registered. Who sends the requests is derived from
 * the registry (tests/api/bad-input-corpus.test.ts), not chosen here.
 */
import type { JsonObject, Path } from './json-text';
import type { Target } from './bad-inputs';
import { channelRouteRecipes } from './channel-routes';
import { customerRouteRecipes } from './customer-routes';
import { processRouteRecipes } from './process-routes';
import { webchatRouteRecipes, type CorpusWebchat } from './webchat-routes';

/**
 * What the recipes need from the running test: a ticket with an open task in `support`, its query code, and two
 * tickets whose sign-off the corpus agent (alice) may answer (one to approve, one to reject), and an open survey.
 */
export interface CorpusFixture {
  ticketId: string;
  taskId: string;
  queryCode: string;
  approvalTickets: { approve: string; reject: string };
  /** The token of a survey open for votes. */
  surveyToken: string;
  /** The fixture ticket's customer (in support, so the corpus agent sees it), and two customers to merge. */
  customerId: string;
  mergePair: { survivorId: string; sourceId: string };
  /** A web chat channel and a visitor of it. */
  webchat: CorpusWebchat;
}

/** Fixture values for listing the recipes before the fixtures exist. */
export const PLACEHOLDER_FIXTURE: CorpusFixture = {
  ...{ ticketId: 'tkt_x', taskId: 'x', queryCode: 'x', approvalTickets: { approve: 'tkt_x', reject: 'tkt_x' }, surveyToken: 'x' },
  ...{ customerId: 'cus_x', mergePair: { survivorId: 'cus_x', sourceId: 'cus_y' } },
  webchat: { channelId: 'x', origin: 'https://x.example', siteKey: 'x', visitorId: 'x', token: 'x' },
};

/** A stored object the accepted (sanitised) cases read back; undefined if the route stores no free text. */
export interface Recipe extends Target {
  url: string;
  /** Headers every request to the route carries (web chat: the page's Origin and the visitor's token). */
  headers?: Record<string, string>;
  /**
   * The collections the route writes when it accepts a body: compared around every case. The whole database is
   * compared before and after each route's cases as well, so a collection missing here is still caught, only later.
   */
  writes: readonly string[];
  /** Runs after the accepted cases of earlier routes (completing the task resolves the ticket: it goes last). */
  order?: number;
}

const KB = 1024;
export const JSON_LIMIT = 64 * KB;
const CODEC_LIMIT = 4 * 1024 * KB;

const office = { mon: [{ start: '09:00', end: '17:00' }], fri: [{ start: '22:00', end: '06:00' }] };
const targets = { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480 };
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Distinctive personal data in the valid bodies: the log check looks for every piece of it. */
export const CORPUS_CUSTOMER = { name: 'Ottoline Quarrington', email: 'ottoline.quarrington@corpus.example', phone: '+4915112345678' };

const message = (p: Path = ['body']) => ({ writes: TICKET_UPDATE, required: p, text: [{ path: p, lines: 'multi' as const }], emails: [], numbers: [], limitBytes: JSON_LIMIT });
const messageBody: JsonObject = { body: 'Ottoline here: the brass telescope arrived broken, box from Quillfeather Court.' };

const INTAKE = ['intake_requests', 'query_codes', 'customers', 'customer_identities', 'tickets', 'ticket_events'];
/** A department action or customer reply is a workflow update: its handler records an event before it answers. */
export const TICKET_UPDATE = ['tickets', 'ticket_events', 'tasks', 'task_assignments', 'email_outbox'];
const config = (collection: string) => [collection, 'config_revisions', 'config_locks'];

/** Ids of the objects the config recipes write (created once by the test, replaced by accepted cases). */
export const CORPUS_IDS = { region: 'corpus-region', department: 'corpus-dept', policy: 'corpus-policy', process: 'corpus-process' };

export function bodyRouteRecipes(f: CorpusFixture): Record<string, Recipe> {
  const department = {
    id: CORPUS_IDS.department,
    name: 'Corpus desk',
    members: [
      {
        id: 'otto',
        name: CORPUS_CUSTOMER.name,
        email: CORPUS_CUSTOMER.email,
        skills: ['telescopes'],
        languages: ['en'],
        shift: { timeZone: 'Europe/Berlin', weeklyHours: office },
      },
    ],
    leadId: 'otto',
    opsEmail: 'ops.quarrington@corpus.example',
  };
  return {
    'POST /api/tickets': {
      url: '/api/tickets',
      writes: INTAKE,
      valid: {
        channel: 'web',
        subject: 'Ottoline’s brass telescope',
        description: 'The brass telescope I ordered arrived with a cracked lens.\nPlease call me.',
        customer: { name: CORPUS_CUSTOMER.name, email: CORPUS_CUSTOMER.email, phone: CORPUS_CUSTOMER.phone, regionId: 'test-utc', language: 'en' },
      },
      required: ['subject'],
      text: [
        { path: ['subject'], lines: 'single' },
        { path: ['description'], lines: 'multi' },
        { path: ['customer', 'name'], lines: 'single' },
      ],
      emails: [['customer', 'email']],
      strict: ['customer', 'regionId'],
      nested: ['customer'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/tickets/{id}/claim': {
      url: `/api/tickets/${f.ticketId}/claim`,
      writes: TICKET_UPDATE,
      valid: { taskId: f.taskId, memberId: 'alice' },
      required: ['taskId'],
      text: [],
      emails: [],
      strict: ['memberId'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/tickets/{id}/replies': { url: `/api/tickets/${f.ticketId}/replies`, valid: messageBody, ...message() },
    'POST /api/tickets/{id}/info-requests': { url: `/api/tickets/${f.ticketId}/info-requests`, valid: messageBody, ...message() },
    'POST /api/tickets/{id}/notes': { url: `/api/tickets/${f.ticketId}/notes`, valid: messageBody, ...message() },
    'POST /api/tickets/{id}/complete': {
      url: `/api/tickets/${f.ticketId}/complete`,
      writes: TICKET_UPDATE,
      valid: { taskId: f.taskId, outcome: 'done' },
      required: ['taskId'],
      text: [],
      emails: [],
      strict: ['outcome'],
      numbers: [],
      limitBytes: JSON_LIMIT,
      order: 1,
    },
    'POST /api/tickets/{id}/priority': {
      url: `/api/tickets/${f.ticketId}/priority`,
      writes: TICKET_UPDATE,
      valid: { priority: 'high', reason: 'Ottoline’s shop in Quillfeather Court is closed until it is fixed' },
      required: ['priority'],
      // Setting the same priority again records nothing, so the sanitised variants of the reason would leave no trace
      // to read back; the reason is one-line free text like every other (domain/text.ts).
      text: [],
      emails: [],
      strict: ['priority'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/track/{code}/messages': { url: `/api/track/${f.queryCode}/messages`, valid: messageBody, ...message() },
    'PUT /api/regions/{id}': {
      url: `/api/regions/${CORPUS_IDS.region}`,
      writes: config('regions'),
      valid: {
        id: CORPUS_IDS.region,
        name: 'Corpus region',
        calendar: { timeZone: 'Europe/Berlin', weeklyHours: office, holidays: [{ date: '2026-12-25', name: 'Christmas' }] },
        quietHours: { start: '21:00', end: '08:00' },
        defaultLanguage: 'en',
        retentionDays: 365,
      },
      required: ['calendar'],
      text: [
        { path: ['name'], lines: 'single' },
        { path: ['calendar', 'holidays', 0, 'name'], lines: 'single' },
      ],
      emails: [],
      strict: ['calendar', 'timeZone'],
      nested: ['calendar'],
      numbers: [['retentionDays']],
      limitBytes: JSON_LIMIT,
    },
    'PUT /api/departments/{id}': {
      url: `/api/departments/${CORPUS_IDS.department}`,
      writes: config('departments'),
      valid: department,
      required: ['name'],
      text: [
        { path: ['name'], lines: 'single' },
        { path: ['members', 0, 'name'], lines: 'single' },
      ],
      emails: [
        ['members', 0, 'email'],
        ['opsEmail'],
      ],
      strict: ['leadId'],
      nested: ['members', 0],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'PUT /api/sla-policies/{id}': {
      url: `/api/sla-policies/${CORPUS_IDS.policy}`,
      writes: config('sla_policies'),
      valid: {
        id: CORPUS_IDS.policy,
        name: 'Corpus policy',
        regionId: CORPUS_IDS.region,
        targets: { low: targets, normal: targets, high: targets, urgent: targets },
        warningAtPercent: 75,
        escalationLadder: [{ afterMinutes: 10, actions: [{ type: 'notify_assignee' }] }],
        reopenWindowMinutes: 1440,
      },
      required: ['targets'],
      text: [{ path: ['name'], lines: 'single' }],
      emails: [],
      strict: ['regionId'],
      nested: ['targets', 'normal'],
      numbers: [['targets', 'normal', 'firstResponseMinutes'], ['warningAtPercent']],
      limitBytes: JSON_LIMIT,
    },
    'PUT /api/triage-rules': {
      url: '/api/triage-rules',
      writes: config('triage_rules'),
      valid: {
        categories: [
          { id: 'general', name: 'General', processId: 'general', keywords: { en: ['parcel'] }, patterns: ['tele(scope|phone)'], minPriority: 'normal' },
          { id: 'night', name: 'Night', processId: 'night-shift', keywords: { '*': ['nightowl'] }, patterns: [], minPriority: 'normal' },
        ],
        defaultCategoryId: 'general',
        urgentWords: { en: ['urgent'] },
        tierMinPriority: { vip: 'high' },
      },
      required: ['categories'],
      text: [{ path: ['categories', 0, 'name'], lines: 'single' }],
      emails: [],
      strict: ['defaultCategoryId'],
      nested: ['categories', 0],
      record: ['categories', 0, 'keywords'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    'POST /api/processes': {
      url: '/api/processes',
      writes: config('processes'),
      valid: {
        id: CORPUS_IDS.process,
        name: 'Corpus process',
        steps: [{ id: 'look', type: 'task', title: 'Look at the telescope', departmentId: 'support', requiredSkills: [], outcomes: ['done', 'escalate'], next: { done: '$resolve' } }],
      },
      required: ['steps'],
      text: [
        { path: ['name'], lines: 'single' },
        { path: ['steps', 0, 'title'], lines: 'single' },
      ],
      emails: [],
      strict: ['id'],
      nested: ['steps', 0],
      record: ['steps', 0, 'next'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    ...processRouteRecipes(f),
    ...channelRouteRecipes(CORPUS_IDS.region, JSON_LIMIT),
    ...customerRouteRecipes(f),
    ...webchatRouteRecipes(f.webchat, CORPUS_CUSTOMER),
    'POST /api/api-keys': {
      url: '/api/api-keys',
      writes: ['api_keys'],
      valid: { name: 'Ottoline’s desk key', role: 'agent', departmentIds: ['support'], memberId: 'alice' },
      required: ['role'],
      text: [{ path: ['name'], lines: 'single' }],
      emails: [],
      strict: ['role'],
      numbers: [],
      limitBytes: JSON_LIMIT,
    },
    ...Object.fromEntries(
      ['decode', 'encode'].map((operation) => [
        `POST /codec/${operation}`,
        {
          url: `/codec/${operation}`,
          writes: [], // the codec stores nothing
          valid: { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"Ottoline Quarrington"') }] },
          required: ['payloads'],
          text: [],
          emails: [],
          strict: ['payloads', 0, 'data'],
          nested: ['payloads', 0],
          record: ['payloads', 0, 'metadata'],
          numbers: [],
          limitBytes: CODEC_LIMIT,
        } satisfies Recipe,
      ]),
    ),
  };
}

/**
 * Refused cases a route accepts by design, with why (the test checks these answer 2xx and still store nothing).
 * Keyed by route, then case name.
 */
