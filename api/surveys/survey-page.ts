/** The rating page a survey link opens, and the page a form vote answers with: plain HTML, no script, in the ticket's language. */
import { escapeHtml } from '../../domain/messages/mail-html';
import type { PageWords } from '../../domain/messages/page-words';
import type { SurveyPageWord } from '../../domain/messages/templates';

/** A page that may show a form posting to this server, and nothing else (no script, no fetch, no frame). */
export const SURVEY_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}fieldset{border:0;padding:0}label{margin-inline-end:1rem}textarea{width:100%}';

type Words = PageWords<SurveyPageWord>;

function page({ language, dir }: Words, title: string, body: string): string {
  return `<!doctype html><html lang="${escapeHtml(language)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The rating form. Opening it records nothing: a mail scanner that follows the link (GET, HEAD, prefetch) leaves no
 * vote; only the submit button posts one.
 */
export function surveyFormPage(token: string, text: Words): string {
  const w = text.words;
  const scores = [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`).join('');
  return page(
    text,
    w.title,
    `<h1>${escapeHtml(w.title)}</h1><p>${escapeHtml(w.question)}</p><p>${escapeHtml(w.scale)}</p>` +
      `<form method="post" action="/api/surveys/${escapeHtml(token)}"><fieldset>${scores}</fieldset>` +
      `<p><label for="comment">${escapeHtml(w.comment)}</label><br><textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea></p>` +
      `<p><button type="submit">${escapeHtml(w.submit)}</button></p></form>`,
  );
}

export function surveyAnsweredPage(text: Words): string {
  return page(text, text.words.thanksTitle, `<h1>${escapeHtml(text.words.thanksTitle)}</h1><p>${escapeHtml(text.words.thanks)}</p>`);
}
