/** What the servers recorded, read once per round of checks: the read model, the outbox, the SMTP catcher, Temporal. */
import { Client, Connection } from '@temporalio/client';
import type { SmtpCatcher } from '../../scripts/stack/smtp-catcher';
import { EmailOutboxModel, type EmailOutboxDoc } from '../../models/email-outbox.model';
import { TicketEventModel, type TicketEventDoc } from '../../models/ticket-event.model';
import { TicketModel, type TicketDoc } from '../../models/ticket.model';
import { mailHeader } from '../../tests/support/smtp';

export interface WorkflowRun {
  workflowId: string;
  status: string;
}

export interface Observed {
  atMs: number;
  tickets: Map<string, TicketDoc>;
  /** Each ticket's events by ascending seq. */
  events: Map<string, TicketEventDoc[]>;
  outbox: EmailOutboxDoc[];
  /** How many times the catcher received each Message-ID. */
  receivedByMessageId: Map<string, number>;
  runs: WorkflowRun[];
}

/** Reads everything the checks need. */
export async function observe(smtp: SmtpCatcher, temporalAddress: string): Promise<Observed> {
  const atMs = Date.now();
  const [tickets, events, outbox] = await Promise.all([
    TicketModel.find({}).lean<TicketDoc[]>(),
    TicketEventModel.find({}).lean<TicketEventDoc[]>(),
    EmailOutboxModel.find({}).lean<EmailOutboxDoc[]>(),
  ]);
  const byTicket = new Map<string, TicketEventDoc[]>();
  for (const e of events) byTicket.set(e.ticketId, [...(byTicket.get(e.ticketId) ?? []), e]);
  for (const list of byTicket.values()) list.sort((a, b) => a.seq - b.seq);
  const receivedByMessageId = new Map<string, number>();
  for (const mail of smtp.messages) {
    const id = mailHeader(mail, 'Message-ID') ?? '(none)';
    receivedByMessageId.set(id, (receivedByMessageId.get(id) ?? 0) + 1);
  }
  return { atMs, tickets: new Map(tickets.map((t) => [t._id, t])), events: byTicket, outbox, receivedByMessageId, runs: await workflowRuns(temporalAddress) };
}

/** Every run of the ticket workflow type on the soak's (fresh) Temporal server. */
async function workflowRuns(address: string): Promise<WorkflowRun[]> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection });
    const runs: WorkflowRun[] = [];
    for await (const wf of client.workflow.list({ query: "WorkflowType = 'ticketLifecycleWorkflow'" })) runs.push({ workflowId: wf.workflowId, status: wf.status.name });
    return runs;
  } finally {
    await connection.close();
  }
}
