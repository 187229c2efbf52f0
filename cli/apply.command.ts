import { applyProcessFiles } from './apply';
import { requireFiles, type CommandContext } from './command';
import type { ProcessTarget } from './process-target';
import { httpProcessTarget } from './processes-api';

/**
 * `apply -f <file|folder>`: validates every process locally (nothing is sent if any is invalid), then stores each
 * through POST /api/processes and prints what happened to it. Exit 1 when anything was not applied.
 */
export async function applyCommand({ args, io, client }: CommandContext): Promise<number> {
  const files = requireFiles(args);
  // The client is made on the first submit: a file with problems is reported even without a key or a server.
  const target: ProcessTarget = { submit: (body) => httpProcessTarget(client()).submit(body) };
  const applied = await applyProcessFiles(files, target, { out: (line) => io.stdout(`${line}\n`), err: (line) => io.stderr(`${line}\n`) });
  return applied ? 0 : 1;
}
