/** A mail's header section as plain data: every value as sent (unfolded, not decoded), by lower-cased name. */
export type MailHeaders = Readonly<Record<string, readonly string[]>>;

/** The first value of a header, trimmed, or undefined when the mail has none. */
export function headerValue(headers: MailHeaders, name: string): string | undefined {
  return headers[name.toLowerCase()]?.[0]?.trim();
}

/** Builds MailHeaders from raw header lines (`Name: value`, folding included), keeping repeats in order. */
export function mailHeadersFromLines(lines: readonly string[]): MailHeaders {
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
    (headers[name] ??= []).push(value);
  }
  return headers;
}

/** The first word of a structured header value, lower-cased: `auto-replied (vacation)` → `auto-replied`. */
export function headerToken(value: string | undefined): string {
  return (value ?? '').trim().split(/[\s;(,]/, 1)[0]?.toLowerCase() ?? '';
}

/** Every `<id>` in a Message-ID list header (References, In-Reply-To), in order. */
export function messageIdsIn(value: string | undefined): string[] {
  return (value ?? '').match(/<[^<>\s]{1,500}>/g) ?? [];
}
