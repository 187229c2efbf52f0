/**
 * The ticket's outbound queue: messages to the customer (and alerts to ops) go out one at a time, in order, from
 * their own retried activity. Nothing waits for them: a handler answers as soon as its event is recorded, the SLA
 * monitor keeps its timers, and continue-as-new carries what is still queued into the next run (the outbox sends
 * each key once, so a message in flight at that moment is not sent twice).
 */
import { ActivityFailure, ApplicationFailure, condition, log } from '@temporalio/workflow';
import { DELIVERY_REJECTED, delivery } from './activity-options';
import { surveyDelivered, surveySending } from './survey';
import { record, SYSTEM } from './ticket-recorder';
import { DEFERRABLE_KINDS, type OutboundMessage } from '../domain/outbound-message';
import { lifecycleOver, type TicketState } from './ticket-state';

const WHAT: Record<OutboundMessage['kind'], string> = {
  acknowledgement: 'The acknowledgement',
  'agent-reply': 'An agent reply',
  'info-request': 'An information request',
  reminder: 'A reminder',
  'approval-outcome': 'An approval outcome',
  'refund-done': 'A refund confirmation',
  resolution: 'A resolution notice',
  survey: 'A satisfaction survey',
  'ops-alert': 'An ops alert',
};

/** Queues a message; the outbound loop sends it. */
export function enqueueOutbound(s: TicketState, message: OutboundMessage): void {
  if (!s.outbound.some((q) => q.key === message.key)) s.outbound.push(message);
}

function failureOf(err: unknown): { permanent: boolean; reason: string } {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure) return { permanent: cause.type === DELIVERY_REJECTED, reason: cause.message };
  return { permanent: false, reason: cause instanceof Error ? cause.message : 'delivery failed' };
}

/** Sends one message; whether it went out (a failure is recorded, and a lasting one alerts ops). */
async function deliverOne(s: TicketState, message: OutboundMessage): Promise<boolean> {
  try {
    const { sent, reason } = await delivery.deliverMessage({ ticketId: s.ticketId, ...message });
    if (!sent) await record(s, 'delivery.failed', SYSTEM, { key: message.key, kind: message.kind, permanent: true, reason });
    return sent;
  } catch (err) {
    const { permanent, reason } = failureOf(err);
    log.error('outbound message failed', { ticketId: s.ticketId, kind: message.kind, permanent });
    await record(s, 'delivery.failed', SYSTEM, { key: message.key, kind: message.kind, permanent, reason });
    // A temporary failure that outlived its retries means mail is down: tell ops (never about their own alerts).
    if (!permanent && message.kind !== 'ops-alert')
      enqueueOutbound(s, { key: `${message.key}:alert`, kind: 'ops-alert', body: `${WHAT[message.kind]} of ticket ${s.ticketId} could not be delivered: ${reason}` });
    return false;
  }
}

/** The first message that may go now, placing the release time of messages that can wait as they come. */
async function nextReady(s: TicketState): Promise<OutboundMessage | undefined> {
  for (const m of s.outbound)
    if (DEFERRABLE_KINDS.has(m.kind) && m.notBeforeMs === undefined) m.notBeforeMs = await delivery.messageReleaseTime({ ticketId: s.ticketId, atMs: Date.now() });
  return s.outbound.find((m) => (m.notBeforeMs ?? 0) <= Date.now());
}

/**
 * Runs until the ticket is closed and the queue is empty. A message that can wait sits in the queue, durably, until
 * the customer's quiet hours end; messages behind it that may go now go first.
 */
export async function runOutbound(s: TicketState): Promise<void> {
  for (;;) {
    await condition(() => s.outbound.length > 0 || lifecycleOver(s));
    if (s.outbound.length === 0) return;
    const ready = await nextReady(s);
    if (!ready) {
      const earliest = Math.min(...s.outbound.map((m) => m.notBeforeMs ?? Date.now()));
      const arrived = s.outbound.length;
      await condition(() => s.outbound.length !== arrived, Math.max(1, earliest - Date.now()));
      continue;
    }
    if (ready.kind === 'survey') surveySending(s);
    const sent = await deliverOne(s, ready);
    s.outbound.splice(s.outbound.indexOf(ready), 1);
    if (ready.kind === 'survey') await surveyDelivered(s, sent);
  }
}
