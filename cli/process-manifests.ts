import fs from 'node:fs/promises';
import type { z } from 'zod';
import { ProcessBodySchema, type ProcessBody } from '../domain/processes/process';
import { fromIssuePath } from './field-path';
import { expandManifestPaths } from './manifest-files';
import { parseManifestText, type ManifestDocument, type ManifestProblem } from './manifest-source';

/** A process body read from a file and valid by the schema this build has, with the document it came from. */
export interface ProcessManifest {
  id: string;
  body: ProcessBody;
  document: ManifestDocument;
}

/**
 * Fields the server sets on what it returns (`get process x -o yaml` prints them): a file may carry them and they are
 * left out, so that a process read back can be edited and applied again.
 */
const SERVER_FIELDS = ['version', 'createdAt', 'createdBy'];

/** The document's data without the server's fields. */
export function withoutServerFields(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SERVER_FIELDS.includes(key)));
}

function issueProblems(doc: ManifestDocument, issue: z.core.$ZodIssue): ManifestProblem[] {
  const path = fromIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ file: doc.file, position: doc.locate(path, key), path: [...path, key], message: 'unknown field' }));
  }
  return [{ file: doc.file, position: doc.locate(path), path, message: issue.message }];
}

/** A document as a process, or every way it breaks the process schema, each at its line. */
export function validateProcessDocument(doc: ManifestDocument): { manifest?: ProcessManifest; problems: ManifestProblem[] } {
  const result = ProcessBodySchema.safeParse(withoutServerFields(doc.value));
  if (result.success) return { manifest: { id: result.data.id, body: result.data, document: doc }, problems: [] };
  const problems = result.error.issues.flatMap((issue) => issueProblems(doc, issue));
  problems.sort((a, b) => a.position.line - b.position.line || a.position.col - b.position.col);
  return { problems };
}

/** A process defined twice in one apply would store two versions in turn: refused, pointing at the second. */
function duplicateProblems(manifests: ProcessManifest[]): ManifestProblem[] {
  const first = new Map<string, ProcessManifest>();
  return manifests.flatMap((m) => {
    const earlier = first.get(m.id);
    if (!earlier) {
      first.set(m.id, m);
      return [];
    }
    const { line, col } = earlier.document.locate(['id']);
    const message = `process "${m.id}" is also defined at ${earlier.document.file}:${line}:${col}`;
    return [{ file: m.document.file, position: m.document.locate(['id']), path: ['id'], message }];
  });
}

/** Reads every process in the files and folders of `-f`, and validates each; nothing is sent anywhere. */
export async function loadProcessManifests(targets: readonly string[]): Promise<{ manifests: ProcessManifest[]; problems: ManifestProblem[] }> {
  const manifests: ProcessManifest[] = [];
  const problems: ManifestProblem[] = [];
  for (const file of await expandManifestPaths(targets)) {
    const parsed = parseManifestText(file, await fs.readFile(file, 'utf8'));
    problems.push(...parsed.problems);
    for (const doc of parsed.documents) {
      const checked = validateProcessDocument(doc);
      problems.push(...checked.problems);
      if (checked.manifest) manifests.push(checked.manifest);
    }
  }
  problems.push(...duplicateProblems(manifests));
  return { manifests, problems };
}
