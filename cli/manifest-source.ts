import path from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { formatFieldPath, type FieldPath } from './field-path';

/** 1-based line and column, as editors show them. */
export interface SourcePosition {
  line: number;
  col: number;
}

/** One YAML document (or JSON file) and a way back from a field to where it is written. */
export interface ManifestDocument {
  file: string;
  /** The document's data, as JSON would carry it. */
  value: unknown;
  /** Where the document starts. */
  start: SourcePosition;
  /** Where `path` is written; for a field that is not there, where its nearest written parent is. */
  locate(path: FieldPath, unknownKey?: string): SourcePosition;
}

/** A problem with a file, printed `file:line:col path: message`. */
export interface ManifestProblem {
  file: string;
  position: SourcePosition;
  path?: FieldPath;
  message: string;
}

/** `processes/x.yaml:5:19 steps[0].departmentId: unknown department "ghost"`. */
export function formatProblem(problem: ManifestProblem): string {
  const where = `${problem.file}:${problem.position.line}:${problem.position.col}`;
  return problem.path && problem.path.length > 0 ? `${where} ${formatFieldPath(problem.path)}: ${problem.message}` : `${where}: ${problem.message}`;
}

type Node0 = Node | null | undefined;

/** The value node under `key` of a map or sequence (an alias followed), and where to point when it has no value. */
function child(doc: Document, node: Node0, key: string | number): { node: Node0; at: number | undefined } | null {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isMap(target)) {
    const pair = target.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
    if (!pair) return null;
    const value = pair.value as Node0;
    const keyStart = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    // `title:` with nothing after it has an empty value: point at the key.
    const valueStart = value?.range && value.range[1] > value.range[0] ? value.range[0] : undefined;
    return { node: value, at: valueStart ?? keyStart };
  }
  if (isSeq(target) && typeof key === 'number') {
    const item = target.items[key] as Node0;
    return item ? { node: item, at: item.range?.[0] } : null;
  }
  return null;
}

function keyOffset(doc: Document, node: Node0, key: string): number | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (!isMap(target)) return undefined;
  const pair = target.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

function toDocument(file: string, doc: Document, lines: LineCounter, value: unknown): ManifestDocument {
  const position = (offset: number): SourcePosition => {
    const pos = lines.linePos(offset);
    return pos.line === 0 ? { line: 1, col: offset + 1 } : pos;
  };
  const rootOffset = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  return {
    file,
    value,
    start: position(rootOffset),
    locate(fieldPath, unknownKey) {
      let node: Node0 = doc.contents;
      let offset = rootOffset;
      for (const key of fieldPath) {
        const next = child(doc, node, key);
        if (!next) break;
        node = next.node;
        offset = next.at ?? offset;
      }
      const keyAt = unknownKey === undefined ? undefined : keyOffset(doc, node, unknownKey);
      return position(keyAt ?? offset);
    },
  };
}

/** A document's syntax errors (the first line of each message: the position is printed separately). */
function parseProblems(file: string, doc: Document, lines: LineCounter): ManifestProblem[] {
  return doc.errors.map((err) => {
    const pos = lines.linePos(err.pos[0]);
    return { file, position: pos.line === 0 ? { line: 1, col: 1 } : pos, message: err.message.split('\n')[0] ?? err.message };
  });
}

/**
 * The documents of one file: YAML may hold several separated by `---` (empty ones are skipped); JSON exactly one,
 * read by the YAML parser (JSON is YAML 1.2) so that its fields have lines too. Duplicate keys are refused, as the API's
 * body parser refuses duplicate names.
 */
export function parseManifestText(file: string, text: string): { documents: ManifestDocument[]; problems: ManifestProblem[] } {
  const lines = new LineCounter();
  const options = { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;
  const docs: Document.Parsed[] = path.extname(file).toLowerCase() === '.json' ? [parseDocument(text, options)] : Array.from(parseAllDocuments(text, options));
  const problems = docs.flatMap((doc) => parseProblems(file, doc, lines));
  if (problems.length > 0) return { documents: [], problems };
  const documents: ManifestDocument[] = [];
  for (const doc of docs) {
    if (doc.contents === null) continue; // `---` at the end, or a document of comments only
    try {
      documents.push(toDocument(file, doc, lines, doc.toJS({ maxAliasCount: 100 })));
    } catch (err) {
      // toJS refuses alias bombs ("excessive alias count") and alias loops.
      const at = lines.linePos(doc.range?.[0] ?? 0);
      problems.push({ file, position: at.line === 0 ? { line: 1, col: 1 } : at, message: err instanceof Error ? err.message : String(err) });
    }
  }
  if (documents.length === 0 && problems.length === 0) problems.push({ file, position: { line: 1, col: 1 }, message: 'no process in this file' });
  return { documents, problems };
}
