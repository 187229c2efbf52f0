/** The rating page a survey link opens, and the page a form vote answers with: plain HTML, no script. */
import { escapeHtml } from '../../domain/messages/mail-html';

/** A page that may show a form posting to this server, and nothing else (no script, no fetch, no frame). */
export const SURVEY_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}fieldset{border:0;padding:0}label{margin-right:1rem}textarea{width:100%}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The rating form. Opening it records nothing: a mail scanner that follows the link (GET, HEAD, prefetch) leaves no
 * vote; only the submit button posts one.
 */
export function surveyFormPage(token: string, subject: string): string {
  const scores = [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`).join('');
  return page(
    'How did we do?',
    `<h1>How did we do?</h1><p>About your request “${escapeHtml(subject)}”: how satisfied are you with our help? (1 = not at all, 5 = very)</p>` +
      `<form method="post" action="/api/surveys/${escapeHtml(token)}"><fieldset>${scores}</fieldset>` +
      `<p><label for="comment">Anything you would like to tell us? (optional)</label><br><textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea></p>` +
      `<p><button type="submit">Send my rating</button></p></form>`,
  );
}

export function surveyAnsweredPage(message: string): string {
  return page('Thank you', `<h1>Thank you</h1><p>${escapeHtml(message)}</p>`);
}
