/**
 * The stack the OpenAPI fuzz runs against: a real Meridian (harness: its own database and task queue, seeded
 * configuration, a worker) listening on a free 127.0.0.1 port, and fixtures for Schemathesis to find: an admin key,
 * an agent key scoped to one department (acting as one of its members), and a ticket with its query code.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiKey } from '../../api/middleware/auth';
import { TicketModel } from '../../models/ticket.model';
import { eventually, startHarness, type Harness } from '../support/harness';
import { SUPPORT } from '../support/test-config';
import { openTicket, ticketBody } from '../support/tickets';
import { newVisitor, putWebchat } from '../channels/webchat-support';

/**
 * Every fuzz request comes from 127.0.0.1, so the per-client limits (intake 120/min, tracking 30/min by default) would
 * answer most of a run with 429 and leave the routes behind them untested. They are raised for the fuzz stack only,
 * through the same environment variables an operator sets; the limiter still runs on every request (and 429 stays
 * documented where it can be answered). Real deployments keep their defaults.
 */
export const FUZZ_RATE_LIMITS = {
  INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
  TRACK_RATE_LIMIT_PER_MINUTE: '1000000',
  CODEC_RATE_LIMIT_PER_MINUTE: '1000000',
  CUSTOMER_SEARCH_RATE_LIMIT_PER_MINUTE: '1000000',
  WEBCHAT_SESSION_RATE_LIMIT_PER_MINUTE: '1000000',
  WEBCHAT_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
  WEBCHAT_ADDRESS_RATE_LIMIT_PER_MINUTE: '1000000',
  WEBCHAT_POLL_RATE_LIMIT_PER_MINUTE: '1000000',
};

/** What the fuzz stack's fixtures are, for Schemathesis to use as path parameters now and then. */
export interface FuzzFixtures {
  adminKey: string;
  adminKeyId: string;
  agentKey: string;
  agentKeyId: string;
  /** A key nobody uses, for DELETE /api/api-keys/{id} to revoke. */
  spareKeyId: string;
  ticketId: string;
  /** The fixture ticket's customer (in support, so the agent sees it too). */
  customerId: string;
  queryCode: string;
  departmentIds: string[];
  regionIds: string[];
  processIds: string[];
  slaPolicyIds: string[];
  memberIds: string[];
  metricsToken: string;
  /** A web chat channel, the origin it allows, and a visitor's token for it. */
  webchat: { channelId: string; origin: string; token: string };
}

export interface FuzzStack {
  baseUrl: string;
  harness: Harness;
  fixtures: FuzzFixtures;
  stop(): Promise<void>;
}

const METRICS_TOKEN = 'fuzz-metrics-token-0123456789abcdef0123456789';
const FUZZ_ORIGIN = 'https://fuzz.example';

/** Starts the stack (MONGODB_URI and TEMPORAL_ADDRESS must name running servers, as jest's global setup sets them). */
export async function startFuzzStack(): Promise<FuzzStack> {
  const harness = await startHarness({ env: { ...FUZZ_RATE_LIMITS, METRICS_TOKEN } });
  let server: http.Server | undefined;
  try {
    server = http.createServer(harness.app);
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { config } = harness;
    const admin = await createApiKey({ name: 'fuzz admin', role: 'admin' }, config.secret);
    const agent = await createApiKey({ name: 'fuzz agent', role: 'agent', departmentIds: [SUPPORT.id], memberId: 'alice' }, config.secret);
    const spare = await createApiKey({ name: 'fuzz spare', role: 'ops' }, config.secret);
    const ticket = await openTicket(harness, ticketBody());
    const chat = await putWebchat(harness, 'fuzz-chat', [FUZZ_ORIGIN]);
    const visitor = await newVisitor(harness.app, chat, FUZZ_ORIGIN);
    const fixtures: FuzzFixtures = {
      adminKey: admin.key,
      adminKeyId: admin.id,
      agentKey: agent.key,
      agentKeyId: agent.id,
      spareKeyId: spare.id,
      ticketId: ticket.id,
      customerId: (await eventually(() => TicketModel.findById(ticket.id, { customerId: 1 }).lean()))!.customerId,
      queryCode: ticket.queryCode,
      departmentIds: ['support', 'escalations', 'night'],
      regionIds: ['test-utc'],
      processIds: ['general', 'night-shift'],
      slaPolicyIds: ['test-policy'],
      memberIds: SUPPORT.members.map((m) => m.id),
      metricsToken: METRICS_TOKEN,
      webchat: { channelId: chat.id, origin: FUZZ_ORIGIN, token: visitor.token },
    };
    const stop = async () => {
      listening.closeAllConnections();
      await new Promise((resolve) => listening.close(resolve));
      await harness.stop();
    };
    return { baseUrl, harness, fixtures, stop };
  } catch (err) {
    server?.close();
    await harness.stop();
    throw err;
  }
}
