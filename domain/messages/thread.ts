/**
 * Mail threading for a ticket: every mail of one ticket to its customer forms one thread. The root is the
 * acknowledgement's Message-ID, derived from the ticket id alone, so a retry (or a later mail sent before an earlier
 * one was marked sent) never changes it; every later mail answers the root (In-Reply-To and References).
 */

/** The right-hand side of every Message-ID Meridian writes: a mail naming it came from Meridian. */
export const MERIDIAN_MESSAGE_ID_DOMAIN = 'meridian';

/** The Message-ID of a ticket's acknowledgement, the root of its thread. */
export function ticketThreadRoot(ticketId: string): string {
  return `<ticket.${ticketId}@${MERIDIAN_MESSAGE_ID_DOMAIN}>`;
}

/** The threading headers of a mail in a ticket's thread (the root itself has none). */
export function threadReply(ticketId: string): { inReplyTo: string; references: string[] } {
  const root = ticketThreadRoot(ticketId);
  return { inReplyTo: root, references: [root] };
}

/** Ticket ids are `tkt_` and base64url today; anything of that alphabet is read back, nothing longer than 64. */
const THREAD_ROOT = new RegExp(`^<ticket\\.([A-Za-z0-9_-]{1,64})@${MERIDIAN_MESSAGE_ID_DOMAIN}>$`);

/** The ticket whose thread root `messageId` is (`ticketThreadRoot`'s inverse), or null for any other Message-ID. */
export function ticketIdOfThreadRoot(messageId: string): string | null {
  return THREAD_ROOT.exec(messageId.trim())?.[1] ?? null;
}

/** Whether a Message-ID is one Meridian wrote (a thread root or an outbox mail). */
export function isMeridianMessageId(messageId: string): boolean {
  return messageId.trim().toLowerCase().endsWith(`@${MERIDIAN_MESSAGE_ID_DOMAIN}>`);
}
