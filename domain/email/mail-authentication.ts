/**
 * What SPF, DKIM and DMARC said about an inbound mail, kept compact on the stored message, and what Meridian does
 * about it (README "E-mail in", authentication). Pure: the DNS lookups happen in services/email-auth/.
 */

/** RFC 8601 results, plus `not_checked` for SPF of mail that came without its SMTP session (IMAP). */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'not_checked';
export type DkimResult = 'pass' | 'fail' | 'neutral' | 'policy' | 'none' | 'temperror' | 'permerror';
export type DmarcResult = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** The verdicts stored on an inbound mail and shown to staff. */
export interface MailAuthentication {
  /** The domain of the From header, lower-cased: whose policy was asked. */
  fromDomain: string;
  spf: SpfResult;
  /** The best result of the mail's DKIM signatures (`pass` when any passes); `none` when it is not signed. */
  dkim: DkimResult;
  /** The domains whose DKIM signatures passed (the `d=` of each). */
  dkimDomains: string[];
  dmarc: DmarcResult;
  /** The From domain's DMARC policy, when it publishes one. */
  dmarcPolicy?: DmarcPolicy;
  /** ARC chain of forwarders (recorded only: no forwarder is trusted to vouch for a mail). */
  arc: 'pass' | 'fail' | 'none';
  /** An SPF or DKIM pass for the From domain (its organisational domain): the sender is who the From says. */
  aligned: boolean;
  /** DMARC failed (the From domain says it did not send this mail), or the mail names no single author domain. */
  spoofSuspected: boolean;
}

/** What the listener does with a mail, by its verdict. */
export type AuthenticationAction = 'accept' | 'hold' | 'refuse' | 'defer';

const DKIM_RANK: Record<DkimResult, number> = { pass: 6, temperror: 5, fail: 4, policy: 3, permerror: 2, neutral: 1, none: 0 };

/** The best of several DKIM results (any pass wins; an unreachable key counts before a failure). */
export function bestDkim(results: readonly DkimResult[]): DkimResult {
  return results.reduce<DkimResult>((best, r) => (DKIM_RANK[r] > DKIM_RANK[best] ? r : best), 'none');
}

/**
 * What to do with a mail by its verdict:
 * - the DNS gave no answer for what decides (DMARC itself, or SPF/DKIM of a mail DMARC then failed): `defer`
 *   (SMTP 451: the sending server retries, and the next attempt gets a real verdict);
 * - DMARC fails under `p=reject` and the sender is still on the line (SMTP): `refuse` (550 5.7.26), nothing stored;
 * - any other DMARC failure (quarantine, none, or reject seen only in a mailbox), or two From addresses: `hold`,
 *   stored, never routed, nothing sent;
 * - else `accept`: routed as usual (`aligned` says whether the From is proven).
 */
export function authenticationAction(a: MailAuthentication, canRefuse: boolean): AuthenticationAction {
  if (a.dmarc === 'temperror') return 'defer';
  if (!a.spoofSuspected) return 'accept';
  if (a.spf === 'temperror' || a.dkim === 'temperror') return 'defer';
  return canRefuse && a.dmarcPolicy === 'reject' ? 'refuse' : 'hold';
}

/** The verdict when the checks did not finish in time (DNS not answering): nothing proven, decided later. */
export function unfinishedAuthentication(fromDomain: string, spfChecked: boolean): MailAuthentication {
  return { fromDomain, spf: spfChecked ? 'temperror' : 'not_checked', dkim: 'temperror', dkimDomains: [], dmarc: 'temperror', arc: 'none', aligned: false, spoofSuspected: false };
}
