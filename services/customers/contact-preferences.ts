import { contactPreferences, type ContactClaim, type ContactPreferences } from '../../domain/contact';
import type { Region } from '../../domain/region';
import type { CustomerDoc } from '../../models/customer.model';
import type { TicketDoc } from '../../models/ticket.model';

/** When the region itself is gone: what tracking showed before regions had defaults to offer. */
const FALLBACK: ContactPreferences = { language: 'en', timeZone: 'UTC' };

/**
 * What the ticket's request claimed about the person writing. Tickets opened before claims were kept on the ticket
 * have none: intake then stored the customer's first request's claims on the customer, which stand in for them.
 */
export function claimedContact(
  ticket: Pick<TicketDoc, 'contact'>,
  customer: Pick<CustomerDoc, 'name' | 'language' | 'timeZone'> | null,
): Partial<ContactClaim> | undefined {
  if (ticket.contact) return ticket.contact;
  if (!customer) return undefined;
  return { name: customer.name, language: customer.language, timeZone: customer.timeZone };
}

/** The name to greet the customer by: what staff or a verified channel said, else what this ticket's request said. */
export function contactName(
  ticket: Pick<TicketDoc, 'contact'>,
  customer: Pick<CustomerDoc, 'profile' | 'name' | 'language' | 'timeZone'> | null,
): string {
  return customer?.profile?.name ?? claimedContact(ticket, customer)?.name ?? '';
}

/**
 * The language and time zone to use with a ticket's customer: the verified profile, else what the ticket's own request
 * claimed, else the region's defaults (the region is read only when a field is still missing).
 */
export async function ticketContactPreferences(
  ticket: Pick<TicketDoc, 'contact'>,
  customer: Pick<CustomerDoc, 'profile' | 'name' | 'language' | 'timeZone'> | null,
  loadRegion: () => Promise<Region | null>,
): Promise<ContactPreferences> {
  const verified = customer?.profile;
  const claimed = claimedContact(ticket, customer);
  const complete = (verified?.language ?? claimed?.language) && (verified?.timeZone ?? claimed?.timeZone);
  const region = complete ? null : await loadRegion();
  const regionDefault = region ? { language: region.defaultLanguage, timeZone: region.calendar.timeZone } : FALLBACK;
  return contactPreferences(verified, claimed, regionDefault);
}
