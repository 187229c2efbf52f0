import path from 'node:path';
import { applyProcessFiles } from '../cli/apply';
import { applyResultOf, type ProcessTarget } from '../cli/process-target';
import { ERROR_STATUS, MeridianError } from '../domain/errors';
import { createProcessVersion } from '../models/process.model';

/** The built-in processes: `processes/` at the top of the repository, one or more per YAML file. */
export const BUILTIN_PROCESSES_DIR = path.resolve(__dirname, '..', 'processes');

/**
 * Stores processes with the use case POST /api/processes runs (createProcessVersion), in this process: `npm start` has
 * no API key of its own to call its API with. Its 4xx errors come back as the API would answer them.
 */
export function inProcessTarget(actor: string): ProcessTarget {
  return {
    async submit(body) {
      try {
        const { doc, created } = await createProcessVersion(body, { actor });
        return { result: applyResultOf(created, doc.version), version: doc.version };
      } catch (err) {
        const status = err instanceof MeridianError ? ERROR_STATUS[err.code] : 500;
        if (!(err instanceof MeridianError) || status >= 500) throw err;
        const errors = Array.isArray(err.detail?.errors) ? (err.detail.errors as Array<{ pointer: string; message: string }>) : [];
        return { result: 'refused', problem: { status, code: err.code, detail: err.message, errors } };
      }
    },
  };
}

/**
 * Applies every file in `processes/` as `apply -f processes` does (the departments they name must exist), reporting a
 * line per process to `log`. Throws, with every problem at its file and line, when any file is invalid or refused:
 * a broken built-in process is a broken build, not something to start without.
 */
export async function applyBuiltInProcesses(log: (line: string) => void, dir = BUILTIN_PROCESSES_DIR): Promise<void> {
  const shown = path.relative(process.cwd(), dir) || dir;
  const problems: string[] = [];
  const applied = await applyProcessFiles([shown], inProcessTarget('built-in'), { out: (line) => log(`built-in ${line}`), err: (line) => problems.push(line) });
  if (!applied) throw new Error(`the built-in processes in ${shown} could not be applied:\n${problems.join('\n')}`);
}
