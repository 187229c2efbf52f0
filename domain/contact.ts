/**
 * What is known about the person behind a ticket, and how far to trust it. An anonymous request only makes claims:
 * they stay on its ticket. The customer profile holds only what a verified source said.
 */

/** What one request says about the person writing (unverified): kept on that ticket only. */
export interface ContactClaim {
  name: string;
  language?: string;
  timeZone?: string;
}

/** Who may change a customer profile: staff, or a channel that verified the identity (e.g. a signed-in channel). */
export const PROFILE_SOURCES = ['staff', 'channel'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

/** What a verified source says about a customer; anonymous intake never writes it. */
export interface VerifiedProfile {
  name?: string;
  language?: string;
  timeZone?: string;
  /** Where the customer lives: it picks the SLA policy and calendar of their tickets over any request's claim. */
  regionId?: string;
  source: ProfileSource;
  updatedAt: Date;
}

/** The language and time zone to address a customer in. */
export interface ContactPreferences {
  language: string;
  timeZone: string;
}

/** Per field: the verified profile's value, else what the ticket's own request claimed, else the region's default. */
export function contactPreferences(
  verified: Partial<ContactPreferences> | undefined,
  claimed: Partial<ContactPreferences> | undefined,
  regionDefault: ContactPreferences,
): ContactPreferences {
  return {
    language: verified?.language ?? claimed?.language ?? regionDefault.language,
    timeZone: verified?.timeZone ?? claimed?.timeZone ?? regionDefault.timeZone,
  };
}
