/**
 * What one catalogue message may say, checked on its parsed ICU form when the catalogue loads: only the values its key
 * is given, each used the way its kind allows, and every value the key must carry. A message that passes cannot fail
 * to render later, whatever the values.
 */
import { isArgumentElement, isDateElement, isLiteralElement, isPoundElement, isSelectElement, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { CatalogEntry, ValueKind } from './templates';

/** The named date formats a message may use; the renderer gives each the customer's time zone. */
export const DATE_STYLES = ['moment', 'day'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

type Use = { name: string; as: 'plain' | 'date' | 'select' | 'other'; style?: unknown; options?: string[] };

/** Every place the message uses a value, nested select branches included. */
function usesIn(elements: readonly MessageFormatElement[], out: Use[] = []): Use[] {
  for (const el of elements) {
    if (isLiteralElement(el)) continue;
    if (isArgumentElement(el)) out.push({ name: el.value, as: 'plain' });
    else if (isDateElement(el)) out.push({ name: el.value, as: 'date', style: el.style });
    else if (isSelectElement(el)) {
      out.push({ name: el.value, as: 'select', options: Object.keys(el.options) });
      for (const option of Object.values(el.options)) usesIn(option.value, out);
    } else out.push({ name: isPoundElement(el) ? '#' : el.value, as: 'other' }); // number, plural, time, tag
  }
  return out;
}

function misuse(use: Use, kind: ValueKind): string | undefined {
  if (Array.isArray(kind)) {
    if (use.as !== 'select') return `{${use.name}} is one of ${kind.join(', ')}: use it as {${use.name}, select, …}`;
    const unknown = (use.options ?? []).filter((o) => o !== 'other' && !kind.includes(o));
    return unknown.length ? `{${use.name}, select} has options it never takes: ${unknown.join(', ')}` : undefined;
  }
  if (kind === 'instant') {
    const ok = use.as === 'date' && (DATE_STYLES as readonly unknown[]).includes(use.style);
    return ok ? undefined : `{${use.name}} is an instant: use {${use.name}, date, moment} or {${use.name}, date, day} (shown in the customer's zone)`;
  }
  return use.as === 'plain' ? undefined : `{${use.name}} is ${kind}: use it as {${use.name}}`;
}

/** What is wrong with one parsed message for its key (empty when nothing is). */
export function messageProblems(ast: readonly MessageFormatElement[], entry: CatalogEntry): string[] {
  const uses = usesIn(ast);
  const problems: string[] = [];
  for (const use of uses) {
    const kind = entry.values[use.name];
    if (use.as === 'other' && kind === undefined) problems.push(`uses a number, plural, time or tag ({${use.name}}), which no value of this message is`);
    else if (kind === undefined) problems.push(`uses {${use.name}}, which this message is not given`);
    else {
      const wrong = misuse(use, kind);
      if (wrong) problems.push(wrong);
    }
  }
  const used = new Set(uses.map((u) => u.name));
  for (const name of entry.required) if (!used.has(name)) problems.push(`must use {${name}}`);
  return [...new Set(problems)];
}
