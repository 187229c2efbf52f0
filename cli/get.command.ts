import { CliError, type CliIo } from './cli-io';
import { usageError, type CommandContext, type OutputFormat } from './command';
import { toYaml } from './process-yaml';
import { getProcess, listProcesses, type ProcessResource } from './processes-api';
import { formatTable } from './table';

const RESOURCES = ['process', 'processes'];

/** `2026-11-26T11:34:07.123Z` → `2026-11-26T11:34:07Z`: seconds are enough to tell versions apart. */
function createdAt(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

function printTable(io: CliIo, processes: readonly ProcessResource[]): void {
  const rows = processes.map((p) => [p.id, p.name, String(p.version), String(p.steps.length), createdAt(p.createdAt)]);
  io.stdout(formatTable(['ID', 'NAME', 'VERSION', 'STEPS', 'CREATED'], rows));
}

/** The process as stored, the server's fields after the body's (so the part `apply` reads back comes first). */
function bodyFirst({ version, createdAt, createdBy, ...body }: ProcessResource): ProcessResource {
  return { ...body, version, createdAt, createdBy };
}

function printAs(io: CliIo, format: OutputFormat, value: unknown): void {
  io.stdout(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : toYaml(value));
}

/**
 * `get processes` (a table of the newest version of each) and `get process <id>` (one row; `-o yaml|json` prints the
 * whole stored process, which `apply -f` takes back: the server's fields are left out when applying).
 */
export async function getCommand({ args, io, client }: CommandContext): Promise<number> {
  const [resource, id, extra] = args.words;
  if (!resource) throw usageError('get needs a resource: get processes, or get process <id>');
  if (!RESOURCES.includes(resource)) throw usageError(`unknown resource "${resource}": get processes, or get process <id>`);
  if (extra !== undefined) throw usageError(`unexpected argument "${extra}"`);
  if (args.files.length > 0) throw usageError('get takes no -f');
  const api = client();
  if (id !== undefined) {
    const found = await getProcess(api, id);
    if (!found) throw new CliError(`process "${id}" not found`);
    if (args.output) printAs(io, args.output, bodyFirst(found));
    else printTable(io, [found]);
    return 0;
  }
  const all = await listProcesses(api);
  if (args.output) printAs(io, args.output, { items: all.map(bodyFirst) });
  else if (all.length === 0) io.stderr('No processes found.\n');
  else printTable(io, all);
  return 0;
}
