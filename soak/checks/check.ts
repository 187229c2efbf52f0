/** One check's result: how much it looked at, what was lost or duplicated, and a few examples of each. */
import type { TicketRecord } from '../ledger';
import type { Observed } from './observed';

export interface CheckResult {
  name: string;
  checked: number;
  lost: number;
  duplicated: number;
  /** Counted but neither lost nor duplicated (e.g. a mail resent with its Message-ID). */
  notes: string[];
  examples: string[];
  /** Everything lost, so a later round can tell what stayed missing from what was in flight. */
  lostItems: string[];
}

export type Check = (observed: Observed, ledger: TicketRecord[]) => CheckResult;

/** A result being filled in; `lose` and `duplicate` keep the first few examples. */
export function tally(name: string) {
  const result: CheckResult = { name, checked: 0, lost: 0, duplicated: 0, notes: [], examples: [], lostItems: [] };
  const example = (what: string) => void (result.examples.length < 5 && result.examples.push(what));
  return {
    result,
    check: (n = 1) => void (result.checked += n),
    lose: (what: string) => {
      result.lost += 1;
      result.lostItems.push(what);
      example(`lost: ${what}`);
    },
    duplicate: (what: string) => {
      result.duplicated += 1;
      example(`duplicated: ${what}`);
    },
  };
}

/** Margin after a deadline before its timer must have fired: generous, for a loaded machine. */
export const FIRE_GRACE_MS = 15_000;

/**
 * The result with only what was also missing a round earlier: a write in flight while the round read (a ladder level
 * stored, its snapshot not yet) is not a loss.
 */
export function stillMissing(now: CheckResult, before: CheckResult | undefined): CheckResult {
  const earlier = new Set(before?.lostItems ?? []);
  const lostItems = now.lostItems.filter((item) => earlier.has(item));
  const examples = [...lostItems.slice(0, 5).map((item) => `lost: ${item}`), ...now.examples.filter((e) => e.startsWith('duplicated'))];
  return { ...now, lost: lostItems.length, lostItems, examples };
}
