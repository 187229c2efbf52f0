/** One line of an edit script: kept (' '), removed ('-') or added ('+'). */
interface Edit {
  op: ' ' | '-' | '+';
  text: string;
}

/** The shortest edit script from `a` to `b` by longest common subsequence (process files are small). */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width); // lcs[i][j]: of a[i..] and b[j..]
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ op: ' ', text: a[(i += 1) - 1]! });
      j += 1;
    } else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      edits.push({ op: '-', text: a[(i += 1) - 1]! }); // removals first, as diff -u prints them
    } else {
      edits.push({ op: '+', text: b[(j += 1) - 1]! });
    }
  }
  return edits;
}

/** `@@ -3,4 +3,5 @@` for the edits[from, to) (line numbers 1-based; a range of 0 lines names the line before it). */
function hunkHeader(edits: readonly Edit[], from: number, to: number): string {
  const before = edits.slice(0, from);
  const inside = edits.slice(from, to);
  const start = (op: '-' | '+') => before.filter((e) => e.op !== op).length;
  const count = (op: '-' | '+') => inside.filter((e) => e.op !== op).length;
  const range = (s: number, n: number) => (n === 0 ? `${s},0` : `${s + 1},${n}`);
  return `@@ -${range(start('+'), count('+'))} +${range(start('-'), count('-'))} @@`;
}

/**
 * A unified diff (as `diff -u` prints it) of two texts, with `context` unchanged lines around each change; empty when
 * they are equal.
 */
export function unifiedDiff(a: string, b: string, labels: { from: string; to: string }, context = 3): string {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const edits = editScript(lines(a), lines(b));
  const changed = edits.flatMap((e, index) => (e.op === ' ' ? [] : [index]));
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const last = hunks[hunks.length - 1];
    const from = Math.max(0, index - context);
    if (last && from <= last[1]) last[1] = Math.min(edits.length, index + 1 + context);
    else hunks.push([from, Math.min(edits.length, index + 1 + context)]);
  }
  const out = [`--- ${labels.from}`, `+++ ${labels.to}`];
  for (const [from, to] of hunks) {
    out.push(hunkHeader(edits, from, to), ...edits.slice(from, to).map((e) => `${e.op}${e.text}`));
  }
  return `${out.join('\n')}\n`;
}
