import type { ApiClient } from './api-client';
import { CliError } from './cli-io';
import { formatProblem } from './manifest-source';
import { loadProcessManifests } from './process-manifests';
import { canonicalProcessYaml } from './process-yaml';
import { getProcess } from './processes-api';
import { unifiedDiff } from './unified-diff';
import { requireFiles, type CommandContext } from './command';

/**
 * `diff -f <file|folder>`: each process against the newest stored version, as a unified diff of canonical YAML
 * (server fields left out). Exit 0 when nothing differs, 1 when something does, 2 on any error (as kubectl diff).
 */
export async function diffCommand(ctx: CommandContext): Promise<number> {
  try {
    return await diffFiles(ctx);
  } catch (err) {
    if (err instanceof CliError) throw new CliError(err.message, 2);
    throw err;
  }
}

async function diffFiles({ args, io, client }: CommandContext): Promise<number> {
  // The files are read and checked exactly as apply reads them, before the server is asked anything.
  const { manifests, problems } = await loadProcessManifests(requireFiles(args));
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    throw new CliError('nothing compared: fix the problems above');
  }
  const api: ApiClient = client();
  let differs = false;
  for (const { id, body, document } of manifests) {
    const stored = await getProcess(api, id);
    if (!stored) {
      differs = true;
      io.stdout(`process/${id} new\n`);
      continue;
    }
    const text = unifiedDiff(canonicalProcessYaml(stored), canonicalProcessYaml(body), {
      from: `process/${id} (stored v${stored.version})`,
      to: `process/${id} (${document.file})`,
    });
    if (text === '') io.stdout(`process/${id} unchanged\n`);
    else io.stdout(text);
    differs ||= text !== '';
  }
  return differs ? 1 : 0;
}
