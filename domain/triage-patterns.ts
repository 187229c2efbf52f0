/**
 * Ops-defined triage patterns, compiled and run by RE2JS (a pure-JS port of RE2): an automaton, not a backtracking
 * engine, so matching takes time linear in the text whatever the pattern (`(a+)+$` included). The price is RE2's
 * syntax: no backreferences and no lookaround, the constructs that need backtracking; those are refused when the
 * rules are saved.
 */
import { RE2JS } from 're2js';

/** Longest pattern ops may write (TriageRulesSchema enforces it too). */
export const MAX_PATTERN_LENGTH = 200;
/**
 * Compiled instructions allowed across all patterns of the rules. Matching costs at most about one step per
 * instruction per character (≈ 5 ns a step on a 2-core VM), so with triage's 20,000-character cap on the text the
 * whole pattern pass stays under about half a second even for patterns built to be slow; typical ones cost microseconds.
 */
export const PATTERN_PROGRAM_BUDGET = 5_000;

type Compiled = { ok: true; regex: RE2JS; size: number } | { ok: false; reason: string };

/** Compiled patterns by source: the same rules apply to ticket after ticket. Bounded; the oldest entry goes first. */
const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 1_000;

/** A pattern compiled case-insensitively, or why RE2 refuses it. */
export function compilePattern(pattern: string): Compiled {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let compiled: Compiled;
  try {
    if (pattern.length > MAX_PATTERN_LENGTH) throw new Error(`longer than ${MAX_PATTERN_LENGTH} characters`);
    const regex = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    compiled = { ok: true, regex, size: regex.programSize() };
  } catch (err) {
    compiled = { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(pattern, compiled);
  return compiled;
}

/** One refused pattern: where it is in the rules body and why. */
export interface PatternProblem {
  pointer: string;
  message: string;
}

/** Every pattern RE2 refuses, and a problem if all of them together exceed the budget (checked when rules are saved). */
export function triagePatternProblems(categories: ReadonlyArray<{ id: string; patterns: readonly string[] }>): PatternProblem[] {
  const problems: PatternProblem[] = [];
  let total = 0;
  categories.forEach((category, i) =>
    category.patterns.forEach((pattern, j) => {
      const compiled = compilePattern(pattern);
      if (compiled.ok) total += compiled.size;
      else {
        const message = `category "${category.id}": pattern ${JSON.stringify(pattern)} is not supported (linear-time RE2 syntax: no backreferences or lookaround): ${compiled.reason}`;
        problems.push({ pointer: `/body/categories/${i}/patterns/${j}`, message });
      }
    }),
  );
  if (total > PATTERN_PROGRAM_BUDGET) {
    const message = `the patterns compile to ${total} instructions in all; at most ${PATTERN_PROGRAM_BUDGET} keep triage fast: simplify or remove some`;
    problems.push({ pointer: '/body/categories', message });
  }
  return problems;
}

/**
 * Matches patterns against one ticket's text within the budget, in rule order. A pattern RE2 refuses (stored before
 * patterns were checked) or one past the budget matches nothing, rather than failing or stalling the ticket.
 */
export function patternMatcher(text: string): (pattern: string) => boolean {
  let remaining = PATTERN_PROGRAM_BUDGET;
  return (pattern) => {
    const compiled = compilePattern(pattern);
    if (!compiled.ok || compiled.size > remaining) return false;
    remaining -= compiled.size;
    return compiled.regex.test(text);
  };
}
