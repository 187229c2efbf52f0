/**
 * What happens to a ticket after intake, and the status it must end in. Each scenario is a short script of agents and
 * customers; the driver gives ticket n the scenario n mod the list's length. Add one here when a new actor or path
 * appears (an approver, a refund).
 */
import type { TicketStatus } from '../../domain/ticket';
import type { TicketRecord } from '../ledger';
import type { ActorContext } from './actor-context';
import { agent } from './agent';
import { customer } from './customer';

export interface Scenario {
  name: string;
  expectedStatus: TicketStatus;
  run(ctx: ActorContext, rec: TicketRecord): Promise<void>;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'ignored', // nobody answers: every deadline breaches and the whole ladder climbs
    expectedStatus: 'assigned',
    async run(ctx, rec) {
      await customer(ctx, rec).track();
    },
  },
  {
    name: 'answered', // claimed, answered, resolved
    expectedStatus: 'resolved',
    async run(ctx, rec) {
      const alice = agent(ctx, rec, 'support');
      const taskId = await alice.awaitTask();
      await alice.claim(taskId);
      await alice.reply();
      await alice.complete(taskId, 'done');
    },
  },
  {
    name: 'info-requested', // the agent asks, the customer answers on the tracking page, the agent resolves
    expectedStatus: 'resolved',
    async run(ctx, rec) {
      const alice = agent(ctx, rec, 'support');
      const sam = customer(ctx, rec);
      const taskId = await alice.awaitTask();
      await alice.claim(taskId);
      await alice.requestInfo();
      await sam.awaitStatus('waiting_customer');
      await sam.reply();
      await alice.awaitStatus('back from the customer', (s) => s !== 'waiting_customer');
      await alice.reply();
      await alice.complete(taskId, 'done');
    },
  },
  {
    name: 'escalated', // support hands the ticket to the escalations department, which resolves it
    expectedStatus: 'resolved',
    async run(ctx, rec) {
      const alice = agent(ctx, rec, 'support');
      const first = await alice.awaitTask();
      await alice.claim(first);
      await alice.note();
      await alice.complete(first, 'escalate');
      const eve = agent(ctx, rec, 'escalations');
      const second = await eve.awaitTask();
      await eve.claim(second);
      await eve.reply();
      await eve.complete(second, 'done');
    },
  },
  {
    name: 'customer-chases', // the customer writes twice while nobody answers
    expectedStatus: 'assigned',
    async run(ctx, rec) {
      const sam = customer(ctx, rec);
      await sam.track();
      await sam.reply();
      await sam.reply();
    },
  },
];
