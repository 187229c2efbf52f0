/** Triage: a new ticket's category, process and priority from ops-defined rules, with evidence for the audit. */
import { primaryLanguage } from './language';
import { MeridianError } from './errors';
import { PRIORITIES, raisePriority, type CustomerTier, type Priority } from './ticket';
import { patternMatcher } from './triage-patterns';
import type { CategoryRule, TriageRules } from './triage-rules';

export interface TriageInput {
  subject: string;
  body: string;
  /** The ticket's language ("pt-BR" counts as "pt"): keywords of that language and of "*" apply. */
  language: string;
  tier: CustomerTier;
  rules: TriageRules;
}

/** What decided the outcome, exactly as ops wrote it in the rules (recorded on the `ticket.triaged` event). */
export interface TriageMatches {
  keywords: string[];
  patterns: string[];
  urgentWords: string[];
}

export interface TriageResult {
  categoryId: string;
  processId: string;
  priority: Priority;
  matched: TriageMatches;
}

/**
 * Enough text to classify. Triage may run inside a workflow task, which must finish in well under a second however
 * long the pasted log or quoted thread in the body is.
 */
const MAX_TRIAGED_CHARS = 20_000;

/** Letters that carry no combining accent but that customers type without it (ß → ss, ł → l, ı → i). */
const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss', ı: 'i', ł: 'l', đ: 'd', ø: 'o', æ: 'ae', œ: 'oe', ς: 'σ',
};

/**
 * Accents of Latin, Greek and Cyrillic letters, Arabic harakat and Hebrew points. Other combining marks stay: they are
 * the vowels of Devanagari and Thai, and the voicing marks of Japanese kana (カ and ガ are different sounds).
 */
const ACCENTS = /[\u0300-\u036f\u064b-\u065f\u0670\u0591-\u05c7]/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/**
 * Scripts written without spaces between words, and Korean, which glues particles onto words (환불을 = 환불 + 을):
 * a keyword in them matches anywhere in the text, not only as a whole word.
 */
const UNSPACED_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Hangul'];
const UNSPACED = new RegExp(`[${UNSPACED_SCRIPTS.map((s) => `\\p{Script=${s}}`).join('')}]`, 'u');

/** Lower case without accents, so "Rückerstattung", "RUCKERSTATTUNG" and "rückerstattung" read the same. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(ACCENTS, '')
    .normalize('NFC') // recomposes Hangul syllables that NFD split into letters
    .toLowerCase()
    .replace(/[ßıłđøæœς]/gu, (c) => FOLDED_LETTERS[c] ?? c);
}

/** The ticket text folded and split once; every keyword is then a set lookup or one substring search. */
interface Haystack {
  folded: string;
  words: ReadonlySet<string>;
  /** " word word word ": a phrase matches as whole words when found with a space on each side. */
  spaced: string;
}

function haystackOf(text: string): Haystack {
  const folded = foldText(text);
  const words = folded.match(WORD) ?? [];
  return { folded, words: new Set(words), spaced: ` ${words.join(' ')} ` };
}

/** Words in sequence with anything but letters and digits between them; a keyword without letters ("!!!") as is. */
function containsWord(haystack: Haystack, word: string): boolean {
  const folded = foldText(word).trim();
  const tokens = folded.match(WORD) ?? [];
  const phrase = tokens.join(' ');
  if (!phrase) return folded.length > 0 && haystack.folded.includes(folded);
  if (UNSPACED.test(phrase)) return haystack.spaced.includes(phrase);
  return tokens.length === 1 ? haystack.words.has(phrase) : haystack.spaced.includes(` ${phrase} `);
}

function wordsFor(byLanguage: Record<string, string[]>, language: string | undefined): string[] {
  return [...new Set([...((language && byLanguage[language]) || []), ...(byLanguage['*'] ?? [])])];
}

interface CategoryMatch {
  category: CategoryRule;
  keywords: string[];
  patterns: string[];
}

type Matches = (pattern: string) => boolean;

function matchCategory(category: CategoryRule, matches: Matches, haystack: Haystack, language?: string): CategoryMatch {
  return {
    category,
    keywords: wordsFor(category.keywords, language).filter((k) => containsWord(haystack, k)),
    patterns: category.patterns.filter(matches),
  };
}

/** The category with the most matching keywords and patterns; a tie goes to the first in rule order. */
function bestCategory(rules: TriageRules, matches: Matches, haystack: Haystack, language?: string): CategoryMatch {
  let best: CategoryMatch | undefined;
  let bestScore = 0;
  for (const category of rules.categories) {
    const match = matchCategory(category, matches, haystack, language);
    const score = match.keywords.length + match.patterns.length;
    if (score > bestScore) [best, bestScore] = [match, score];
  }
  if (best) return best;
  const fallback = rules.categories.find((c) => c.id === rules.defaultCategoryId);
  if (!fallback) {
    throw new MeridianError('UNKNOWN_REFERENCE', `default category ${rules.defaultCategoryId} is not in the rules`);
  }
  return { category: fallback, keywords: [], patterns: [] };
}

function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}

/**
 * Sorts a new ticket: the category whose keywords (whole words in the ticket's language or "*", ignoring case and
 * accents) and patterns match most, else the default category; the priority is the higher of the category's and the
 * customer tier's minimum, one level up when an urgent word appears.
 */
export function triage({ subject, body, language, tier, rules }: TriageInput): TriageResult {
  const text = `${subject}\n${body}`.slice(0, MAX_TRIAGED_CHARS);
  const haystack = haystackOf(text);
  const lang = primaryLanguage(language);
  // Patterns run on RE2 (linear time) within a budget: see triage-patterns.ts.
  const { category, keywords, patterns } = bestCategory(rules, patternMatcher(text), haystack, lang);
  const urgentWords = wordsFor(rules.urgentWords, lang).filter((w) => containsWord(haystack, w));
  const floor = higherPriority(category.minPriority, rules.tierMinPriority[tier] ?? 'normal');
  return {
    categoryId: category.id,
    processId: category.processId,
    priority: urgentWords.length > 0 ? raisePriority(floor) : floor,
    matched: { keywords, patterns, urgentWords },
  };
}
