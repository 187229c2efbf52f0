/**
 * A customer's identities on every channel. Each (kind, normalised value) belongs to one customer, so two channels
 * (or two concurrent deliveries) never create two customers for one identity.
 */

/** E-mail (lower-cased), E.164 phone, and each platform's own user id. */
export const IDENTITY_KINDS = ['email', 'phone', 'whatsapp', 'messenger', 'instagram', 'telegram', 'line', 'webchat'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** One identity, its value already normalised for its kind. */
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** The stored key of an identity: "<kind>:<normalised value>". */
export function identityKey(identity: Identity): string {
  return `${identity.kind}:${identity.value}`;
}
