/** How the corpus judges the API's answer to a case it must refuse: status, problem document, detail and pointers. */
import type { RefusedCase } from './bad-inputs';
import type { Recipe } from './body-routes';

/** An answer as the corpus test reads it. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: Record<string, unknown> | undefined;
}

/** What is wrong with the answer to a refused case, or nothing; `otherCustomerEmail` must never show in it. */
export function judgeRefusal(otherCustomerEmail: string, c: RefusedCase, recipe: Recipe, answer: Answer): string[] {
  const problems: string[] = [];
  if (!c.status.includes(answer.status)) problems.push(`status ${answer.status}, expected ${c.status.join(' or ')}: ${answer.text.slice(0, 300)}`);
  if (!answer.contentType.startsWith('application/problem+json')) problems.push(`content type ${answer.contentType}`);
  const body = answer.json ?? {};
  if (body.status !== answer.status || typeof body.code !== 'string') problems.push(`not a problem document: ${answer.text.slice(0, 200)}`);
  if (typeof body.detail !== 'string' || !c.detail.test(body.detail)) problems.push(`detail ${JSON.stringify(body.detail)} does not match ${c.detail}`);
  const pointers = ((body.errors as Array<{ pointer: string }> | undefined) ?? []).map((e) => e.pointer);
  const missing = answer.status === 400 ? (c.pointers?.(recipe) ?? []).filter((p) => !pointers.includes(p)) : [];
  if (missing.length) problems.push(`no error at ${missing.join(', ')} (errors at ${pointers.join(', ') || 'none'})`);
  if (answer.text.includes(otherCustomerEmail)) problems.push('the answer shows another customer’s e-mail');
  return problems;
}
