/**
 * The bad-input corpus: hostile request bodies, each with its name and what it attacks, sent to every route that takes
 * a body (tests/api/bad-input-corpus.test.ts). A case builds its body from what the route's recipe says about it (a
 * valid body and where its free text, e-mail, format-checked and nested fields are); a case that needs a kind of field
 * the route does not have does not apply to it.
 *
 * Refused cases must be answered with a 4xx problem that says what is wrong, store nothing and log no personal data.
 * Sanitised cases are inputs the product accepts by design (free text keeps every script, RTL text and implicit
 * direction marks; it loses control characters, bidi overrides, and in one-line fields line breaks and explicit
 * embeddings, see domain/text.ts): there the stored value must be the cleaned one.
 */
import type { RefusedCase, SanitisedCase } from './case-kit';
import { REFUSED_BYTES } from './refused-bytes';
import { REFUSED_INJECTION } from './refused-injection';
import { REFUSED_SHAPE } from './refused-shape';

export type { Body, RefusedCase, SanitisedCase, Target } from './case-kit';

/** Refused inputs: every one a 4xx problem, nothing stored, nothing personal logged. */
export const REFUSED: readonly RefusedCase[] = [...REFUSED_SHAPE, ...REFUSED_BYTES, ...REFUSED_INJECTION];

/** Accepted by design, stored cleaned (domain/text.ts). */
export const SANITISED: readonly SanitisedCase[] = [
  {
    name: 'control-characters-inside-text',
    attacks: 'NUL, BEL, DEL and ANSI colour codes between words',
    why: 'free text keeps what a person wrote and loses the control characters around it (domain/text.ts); refusing the whole message would lose the customer’s words',
    input: 'Ottoline\u0000 wrote \u001b[31mthis\u001b[0m\u0007 note\u007f',
    stored: { single: 'Ottoline wrote this note', multi: 'Ottoline wrote this note' },
  },
  {
    name: 'bidi-inside-text',
    attacks: 'a bidi override (“Trojan Source”: invoice‮fdp.exe) beside Arabic and Hebrew with isolates and an RLM',
    why: 'RTL scripts and implicit marks are text (README, domain/text.ts); overrides are removed everywhere, explicit isolates only from one-line fields',
    input: 'invoice\u202efdp.exe مرحبا \u2067שלום\u2069 \u200f!',
    stored: { single: 'invoicefdp.exe مرحبا שלום \u200f!', multi: 'invoicefdp.exe مرحبا \u2067שלום\u2069 \u200f!' },
  },
  {
    name: 'header-injection-in-text',
    attacks: 'CR LF and a Bcc header in a name, subject or message that ends up in a mail',
    why: 'a line break is text in a message and a space in a one-line field; no text field is ever a mail header line (the SMTP catcher is checked)',
    input: 'Ottoline Quarrington\r\nBcc: spy@attacker.example',
    stored: { single: 'Ottoline Quarrington Bcc: spy@attacker.example', multi: 'Ottoline Quarrington\nBcc: spy@attacker.example' },
  },
];

/** Personal data the corpus and the recipes send: none of it may appear in a log line. */
export const PERSONAL_DATA = ['ottoline', 'quarrington', 'victim@corpus.example', 'spy@attacker.example', 'attacker.example', '+4915112345678', 'brass telescope', 'quillfeather'];
