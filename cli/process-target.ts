import type { ProcessBody } from '../domain/processes/process';

/** What storing a process did: kubectl's words. */
export type ApplyResult = 'created' | 'unchanged' | 'configured';

/** A problem the server answered with (RFC 9457), as far as the CLI uses it. */
export interface RemoteProblem {
  status: number;
  code: string;
  detail: string;
  errors: Array<{ pointer: string; message: string }>;
}

export type SubmitOutcome = { result: ApplyResult; version: number } | { result: 'refused'; problem: RemoteProblem };

/**
 * Where `apply` stores processes: the API over HTTP (the CLI), or the same use case the API calls, in process
 * (`npm start`, which has no API key of its own). Failures that are not about one process (no server, a refused key)
 * are thrown; a process the server refuses is an outcome, and the others are still applied.
 */
export interface ProcessTarget {
  submit(body: ProcessBody): Promise<SubmitOutcome>;
}

/** The result of a store: a first version is created, a later one configures, an equal body leaves it unchanged. */
export function applyResultOf(created: boolean, version: number): ApplyResult {
  if (!created) return 'unchanged';
  return version === 1 ? 'created' : 'configured';
}
