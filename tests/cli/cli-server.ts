/** The CLI against a real API listening on a port (real FerretDB, real Temporal), and temp folders of process files. */
import fs from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../cli/meridian';
import { caller, departmentBody, startConfigApi, uid, type ConfigApiHarness } from '../api/config-api.helpers';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliServer {
  api: ConfigApiHarness;
  url: string;
  /** A department every test may put steps in. */
  departmentId: string;
  /** Runs `meridian <argv>` in this process with MERIDIAN_URL and the ops key, plus `env` (undefined values unset). */
  run(argv: string[], env?: Record<string, string | undefined>): Promise<CliRun>;
  /** A fresh folder holding `files` (name → content); removed after the test file. */
  folder(files: Record<string, string>): Promise<string>;
}

/** Starts the API on a free port before a test file's tests, and stops it (and removes its folders) after them. */
export function useCliServer(): () => CliServer {
  let server: Server | undefined;
  let context: CliServer | undefined;
  const folders: string[] = [];
  beforeAll(async () => {
    const api = await startConfigApi();
    server = createServer(api.app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const departmentId = uid('dept');
    await caller(api).put(`/api/departments/${departmentId}`, departmentBody(departmentId)).expect(201);
    context = {
      api,
      url,
      departmentId,
      async run(argv, env = {}) {
        const out = { stdout: '', stderr: '' };
        const merged = Object.fromEntries(
          Object.entries({ MERIDIAN_URL: url, MERIDIAN_API_KEY: api.keys.ops, ...env }).filter(([, v]) => v !== undefined),
        );
        const code = await main(argv, { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env: merged });
        return { code, ...out };
      },
      async folder(files) {
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-cli-'));
        folders.push(dir);
        for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
        return dir;
      },
    };
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server.closeAllConnections(); // the CLI's fetch keeps connections alive
    });
    await context?.api.close();
    await Promise.all(folders.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  });
  return () => {
    if (!context) throw new Error('the CLI server is not started yet');
    return context;
  };
}

/** A one-step process as YAML; the department's line is line 7, its value at column 19. */
export function processYaml(id: string, departmentId: string, title = 'Answer the customer'): string {
  return [
    `id: ${id}`,
    `name: Process ${id}`,
    'steps:',
    '  - id: answer',
    '    type: task',
    `    title: ${title}`,
    `    departmentId: ${departmentId}`,
    '',
  ].join('\n');
}
