/** What a customer agreed to be contacted by: per channel, whether, when and how they said so. */
export const CONSENT_CHANNELS = ['email', 'whatsapp', 'sms', 'marketing'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** One channel's consent as staff recorded it. */
export interface ConsentRecord {
  granted: boolean;
  /** When the customer gave (or withdrew) it. */
  at: Date;
  /** How: "web form", "phone call 2026-11-02", "signed contract" … */
  how: string;
}
