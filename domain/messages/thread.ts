/**
 * Mail threading for a ticket: every mail of one ticket to its customer forms one thread. The root is the
 * acknowledgement's Message-ID, derived from the ticket id alone, so a retry (or a later mail sent before an earlier
 * one was marked sent) never changes it; every later mail answers the root (In-Reply-To and References).
 */

/** The Message-ID of a ticket's acknowledgement, the root of its thread. */
export function ticketThreadRoot(ticketId: string): string {
  return `<ticket.${ticketId}@meridian>`;
}

/** The threading headers of a mail in a ticket's thread (the root itself has none). */
export function threadReply(ticketId: string): { inReplyTo: string; references: string[] } {
  const root = ticketThreadRoot(ticketId);
  return { inReplyTo: root, references: [root] };
}
