/** The HTML part of a customer mail: escaped text, the document's language and direction, and one-line headers. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML shows it: `<script>` and `&` appear as written, never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Escaped text whose line breaks stay line breaks. */
export function htmlLines(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}

/** A value written by someone else (a name, an agent's reply), isolated so its direction cannot reorder ours. */
export function htmlValue(text: string): string {
  return `<bdi>${htmlLines(text)}</bdi>`;
}

/** A link to one of our pages; anything but http(s) stays plain text. */
export function htmlLink(url: string): string {
  if (!/^https?:\/\//i.test(url)) return htmlValue(url);
  return `<a href="${escapeHtml(url)}" dir="ltr">${escapeHtml(url)}</a>`;
}

/** Line breaks, every other control character and any run of spaces become one space: a header stays one header. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

export interface HtmlMail {
  language: string;
  dir: 'ltr' | 'rtl';
  title: string;
  /** Paragraphs already in HTML. */
  paragraphs: readonly string[];
  /** Also HTML: shown smaller, under a rule (query code and tracking link). */
  footer: string;
}

/** A complete, self-contained HTML document (mail clients drop external CSS, so styles are inline). */
export function htmlDocument(mail: HtmlMail): string {
  const align = mail.dir === 'rtl' ? 'right' : 'left';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(mail.language)}" dir="${mail.dir}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(mail.title)}</title></head>`,
    `<body dir="${mail.dir}" style="margin:0;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;font-size:15px;line-height:1.5;color:#1f2328;text-align:${align}">`,
    ...mail.paragraphs.map((p) => `<p style="margin:0 0 12px">${p}</p>`),
    '<hr style="border:0;border-top:1px solid #d0d7de;margin:20px 0 12px">',
    `<p style="margin:0;font-size:13px;color:#59636e">${mail.footer}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
}
