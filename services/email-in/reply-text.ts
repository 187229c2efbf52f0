/**
 * What a person wrote in a reply, without the quoted history and the signature, with email-reply-parser (crisp-oss's
 * port of GitHub's EmailReplyParser: quote headers in a dozen languages, `-- ` and "Sent from my …" signatures).
 *
 * Its patterns run on the JavaScript regex engine (RE2 is an optional native add-on we do not install), and a few are
 * quadratic on a long line: measured 1.7 s on one 64 KB line, under 50 ms for 32 KB in lines of 2,000 characters. So
 * it reads at most the first MAX_STRIPPED_CHARS (the reply is at the top) and nothing with a longer line.
 */
import EmailReplyParser from 'email-reply-parser';

const MAX_STRIPPED_CHARS = 32_000;
const MAX_LINE_CHARS = 2_000;

/** The text a person wrote above the quoted history, signature removed; the whole text when it cannot be told apart. */
export function visibleReplyText(text: string): string {
  const whole = text.replace(/\r\n?/g, '\n');
  const head = whole.length <= MAX_STRIPPED_CHARS ? whole : whole.slice(0, whole.lastIndexOf('\n', MAX_STRIPPED_CHARS) + 1);
  if (head === '' || head.split('\n').some((line) => line.length > MAX_LINE_CHARS)) return whole.trim();
  const visible = new EmailReplyParser().read(head).getVisibleText().trim();
  // Nothing found to strip in the head of a long text: the history (if any) is further down, keep all of it.
  if (head !== whole && visible === head.trim()) return whole.trim();
  // A reply that is nothing but quotes (a bare forward) keeps them, or the ticket would say nothing.
  return visible === '' ? whole.trim() : visible;
}
