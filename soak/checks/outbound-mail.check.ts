/**
 * Each outbound message exactly once: every mail the tickets' events call for (acknowledgement, each agent reply and
 * information request, each escalation mail) has its outbox entry, sent, and the SMTP catcher received its Message-ID;
 * the catcher received no mail the outbox does not know. A mail received twice under its one Message-ID (a crash
 * between the server's acceptance and the outbox's mark, documented in activities/email-outbox.ts) is one message to
 * mail clients: counted as resent.
 */
import { tally, type Check } from './check';

export const outboundMailCheck: Check = (observed, ledger) => {
  const t = tally('outbound mails');
  const outbox = new Map(observed.outbox.map((e) => [e._id, e]));
  const ours = new Set(ledger.flatMap((r) => (r.id ? [r.id] : [])));
  const expectKey = (key: string) => {
    t.check();
    const entry = outbox.get(key);
    if (!entry) return t.lose(`${key} has no outbox entry`);
    if (entry.state !== 'sent') return t.lose(`${key} is ${entry.state}`);
    if (!observed.receivedByMessageId.has(entry.messageId)) t.lose(`${key} marked sent, never received`);
  };
  for (const id of ours) {
    expectKey(`${id}:acknowledgement`);
    for (const e of observed.events.get(id) ?? []) {
      if (e.type === 'message.agent' || e.type === 'info.requested') expectKey(`${id}:reply:${(e.data as { messageId: string }).messageId}`);
      if (e.type === 'delivery.failed') t.lose(`${id} delivery.failed ${(e.data as { key?: string }).key}`);
    }
  }
  for (const entry of observed.outbox) if (entry._id.includes(':escalation:')) expectKey(entry._id);
  const known = new Set(observed.outbox.map((e) => e.messageId));
  let resent = 0;
  for (const [messageId, count] of observed.receivedByMessageId) {
    if (!known.has(messageId)) t.duplicate(`mail ${messageId} received, in no outbox entry`);
    resent += count - 1;
  }
  t.result.notes.push(`${observed.receivedByMessageId.size} Message-IDs received, ${resent} resent under the same Message-ID`);
  return t.result;
};
