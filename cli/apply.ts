import { fromBodyPointer } from './field-path';
import { formatProblem, type ManifestProblem } from './manifest-source';
import { loadProcessManifests, type ProcessManifest } from './process-manifests';
import type { ProcessTarget, RemoteProblem, SubmitOutcome } from './process-target';

/** Where apply reports: one line per process on `out`, problems on `err`. */
export interface ApplyLog {
  out(line: string): void;
  err(line: string): void;
}

/** `process/general-inquiry configured (v4, new version)`. */
export function appliedLine(id: string, outcome: Exclude<SubmitOutcome, { result: 'refused' }>): string {
  const suffix = outcome.result === 'configured' ? ', new version' : '';
  return `process/${id} ${outcome.result} (v${outcome.version}${suffix})`;
}

/** The server's field problems at the lines of the file the process came from. */
export function remoteProblems(manifest: ProcessManifest, problem: RemoteProblem): ManifestProblem[] {
  const { document } = manifest;
  if (problem.errors.length === 0) return [{ file: document.file, position: document.start, message: problem.detail }];
  return problem.errors.map((e) => {
    const path = fromBodyPointer(e.pointer);
    return path
      ? { file: document.file, position: document.locate(path), path, message: e.message }
      : { file: document.file, position: document.start, message: `${e.pointer}: ${e.message}` };
  });
}

/** Stores each process in order; one refused by the server does not stop the others. Whether all were stored. */
export async function applyManifests(manifests: readonly ProcessManifest[], target: ProcessTarget, log: ApplyLog): Promise<boolean> {
  let allApplied = true;
  for (const manifest of manifests) {
    const outcome = await target.submit(manifest.body);
    if (outcome.result === 'refused') {
      allApplied = false;
      const { status, code, detail } = outcome.problem;
      log.err(`error: process/${manifest.id} refused (${status} ${code}): ${detail}`);
      for (const problem of remoteProblems(manifest, outcome.problem)) log.err(formatProblem(problem));
    } else {
      log.out(appliedLine(manifest.id, outcome));
    }
  }
  return allApplied;
}

/**
 * `apply -f`: reads and validates every process of the files and folders first, and sends nothing when any is invalid
 * (each problem printed `file:line:col path: message`); then stores them in order. Whether every process was stored.
 */
export async function applyProcessFiles(targets: readonly string[], target: ProcessTarget, log: ApplyLog): Promise<boolean> {
  const { manifests, problems } = await loadProcessManifests(targets);
  if (problems.length > 0) {
    for (const problem of problems) log.err(formatProblem(problem));
    const files = new Set(problems.map((p) => p.file)).size;
    log.err(`error: nothing applied: ${plural(problems.length, 'problem')} in ${plural(files, 'file')}`);
    return false;
  }
  return applyManifests(manifests, target, log);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
