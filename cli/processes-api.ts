import { z } from 'zod';
import { asProblem, type ApiClient } from './api-client';
import { CliError } from './cli-io';
import { applyResultOf, type ProcessTarget } from './process-target';

/**
 * A stored process as GET and POST /api/processes answer it. Only the fields the CLI reads are checked, so a CLI
 * older than the server still lists and prints processes with step kinds it does not know.
 */
const ProcessResourceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  steps: z.array(z.unknown()),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ProcessResource = z.infer<typeof ProcessResourceSchema>;

function parseResource<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new CliError(`unexpected answer to ${what}: not a process (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

/** Stores processes through POST /api/processes: 201 a new version, 200 unchanged, a 4xx problem refused. */
export function httpProcessTarget(client: ApiClient): ProcessTarget {
  return {
    async submit(body) {
      const res = await client.post('/api/processes', body);
      if (res.status === 200 || res.status === 201) {
        const { version } = parseResource(ProcessResourceSchema, res.body, 'POST /api/processes');
        return { result: applyResultOf(res.status === 201, version), version };
      }
      const problem = asProblem(res.body);
      if (!problem) throw new CliError(`unexpected answer to POST /api/processes (${res.status})`);
      return { result: 'refused', problem };
    },
  };
}

/** The newest version of a process, or null when there is none. */
export async function getProcess(client: ApiClient, id: string): Promise<ProcessResource | null> {
  const path = `/api/processes/${encodeURIComponent(id)}`;
  const res = await client.get(path);
  const problem = asProblem(res.body);
  if (problem?.code === 'PROCESS_NOT_FOUND') return null;
  if (res.status !== 200) throw new CliError(`GET ${path} answered ${res.status}: ${problem?.detail ?? 'unexpected answer'}`);
  return parseResource(ProcessResourceSchema, res.body, `GET ${path}`);
}

/** The newest version of every process, by id. */
export async function listProcesses(client: ApiClient): Promise<ProcessResource[]> {
  const res = await client.get('/api/processes');
  if (res.status !== 200) throw new CliError(`GET /api/processes answered ${res.status}: ${asProblem(res.body)?.detail ?? 'unexpected answer'}`);
  return parseResource(z.object({ items: z.array(ProcessResourceSchema) }), res.body, 'GET /api/processes').items;
}
