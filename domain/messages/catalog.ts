/**
 * The message catalogue: ICU MessageFormat strings per language and key, parsed and checked once when it loads, so a
 * broken catalogue stops the worker at boot instead of failing a customer's mail later.
 */
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { z } from 'zod';
import { MeridianError } from '../errors';
import { messageProblems } from './catalog-checks';
import { FALLBACK_LANGUAGE } from './language-chain';
import { catalogEntries } from './templates';

/** One language's file: `{ "acknowledgement": { "subject": "…", "body": "…" }, "common": { … } }`. */
const LanguageFileSchema = z.record(z.string(), z.record(z.string(), z.string()));

export interface CatalogProblem {
  language: string;
  key?: string;
  problem: string;
}

/** A loaded catalogue: every key of the fallback language present, every message valid for its key. */
export interface MessageCatalog {
  /** The languages held, as canonical BCP 47 tags. */
  readonly languages: readonly string[];
  /** The parsed message for `key` from the first language of `chain` that holds it (the fallback holds every key). */
  message(chain: readonly string[], key: string): { language: string; ast: MessageFormatElement[] };
}

function canonicalTag(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Parses and checks one language's file, adding what is wrong to `problems`. */
function loadLanguage(language: string, source: unknown, problems: CatalogProblem[]): Map<string, MessageFormatElement[]> {
  const messages = new Map<string, MessageFormatElement[]>();
  if (canonicalTag(language) !== language) problems.push({ language, problem: `not a canonical BCP 47 language tag (${canonicalTag(language) ?? 'invalid'})` });
  const parsed = LanguageFileSchema.safeParse(source);
  if (!parsed.success) {
    problems.push({ language, problem: `expected { "<template>": { "<part>": "<ICU message>" } }: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` });
    return messages;
  }
  const entries = catalogEntries();
  for (const [group, parts] of Object.entries(parsed.data)) {
    for (const [part, text] of Object.entries(parts)) {
      const key = `${group}.${part}`;
      const entry = entries.get(key);
      if (!entry) {
        problems.push({ language, key, problem: 'no such message' });
        continue;
      }
      let ast: MessageFormatElement[];
      try {
        ast = parse(text, { ignoreTag: true, requiresOtherClause: true });
      } catch (err) {
        problems.push({ language, key, problem: `not ICU MessageFormat: ${err instanceof Error ? err.message : String(err)}` });
        continue;
      }
      const wrong = messageProblems(ast, entry);
      if (part === 'subject' && /[\r\n]/.test(text)) wrong.push('a subject is one line');
      for (const problem of wrong) problems.push({ language, key, problem });
      if (wrong.length === 0) messages.set(key, ast);
    }
  }
  return messages;
}

/**
 * Loads a catalogue from one source per language tag. Refuses it as a whole, naming every problem at once, when the
 * fallback language (en) lacks a key, a key is unknown, a message is not ICU MessageFormat or uses a value its key is
 * not given (or uses it in a way that could fail at render time).
 */
export function loadMessageCatalog(sources: Readonly<Record<string, unknown>>): MessageCatalog {
  const problems: CatalogProblem[] = [];
  const byLanguage = new Map(Object.entries(sources).map(([language, source]) => [language, loadLanguage(language, source, problems)]));
  const fallback = byLanguage.get(FALLBACK_LANGUAGE);
  if (!fallback) problems.push({ language: FALLBACK_LANGUAGE, problem: 'the fallback language is missing' });
  else for (const key of catalogEntries().keys()) if (!fallback.has(key) && !problems.some((p) => p.language === FALLBACK_LANGUAGE && p.key === key)) problems.push({ language: FALLBACK_LANGUAGE, key, problem: 'missing in the fallback language' });
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.language}${p.key ? ` ${p.key}` : ''}: ${p.problem}`).join('; ');
    throw new MeridianError('MESSAGE_CATALOG_INVALID', `message catalogue refused: ${summary}`, { problems });
  }
  return {
    languages: [...byLanguage.keys()],
    message(chain, key) {
      for (const language of [...chain, FALLBACK_LANGUAGE]) {
        const ast = byLanguage.get(language)?.get(key);
        if (ast) return { language, ast };
      }
      throw new MeridianError('INTERNAL', `no message ${key}`); // unreachable: loading checked the fallback holds every key
    },
  };
}
