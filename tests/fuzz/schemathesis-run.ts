/**
 * One Schemathesis run against a fuzz stack: every check it has (`--checks all`), as one caller (no credentials, an
 * agent key or an admin key), with a config file that lets path parameters name the stack's real objects now and then.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FuzzFixtures } from './fuzz-stack';
import type { Schemathesis } from './schemathesis-venv';

export type Caller = 'public' | 'agent' | 'admin';
export type Phase = 'examples' | 'coverage' | 'fuzzing' | 'stateful';

export interface FuzzRunOptions {
  st: Schemathesis;
  baseUrl: string;
  caller: Caller;
  fixtures: FuzzFixtures;
  /** Test cases per operation and phase (`--max-examples`). */
  maxExamples: number;
  phases: Phase[];
  seed?: number;
  /** Concurrent Schemathesis workers. */
  workers: number;
  /** Where the config, the reports and Schemathesis's own files go (a fresh directory). */
  workDir: string;
  /** Each line of Schemathesis's output as it comes (npm run fuzz shows progress). */
  onLine?: (line: string) => void;
}

export interface FuzzRunResult {
  caller: Caller;
  exitCode: number;
  output: string;
  seconds: number;
  operations: { selected: number; tested: number } | undefined;
  cases: { generated: number; failures: number } | undefined;
  /** The summary's failure lines, e.g. "ST103 Undocumented status code: 11". */
  failureKinds: string[];
}

/**
 * What the data checks expect, changed from Schemathesis's defaults for these reasons only:
 * - 422 joins the answers to schema-valid requests: it is this API's answer to a well-formed request that names
 *   something that does not exist (a region, a department, a time zone) or breaks a rule between its fields that no
 *   JSON Schema can state (a process step's `next` must name another step); each such operation documents it. A schema
 *   cannot know what exists any more than it can know which ids do, which is why the check already accepts 404.
 * - 413 joins both lists: every operation with a body documents its size limit (64 kB), which JSON Schema cannot state
 *   in bytes (20,000 characters of emoji are 80 kB); a body over it is refused before it is read, valid or not.
 * - 5xx leaves both: a server error is never an acceptable answer (and `not_a_server_error` reports it anyway).
 */
const POSITIVE_STATUSES = ['2xx', '3xx', '401', '403', '404', '409', '413', '422', '429'];
const NEGATIVE_STATUSES = ['400', '401', '403', '404', '405', '406', '409', '413', '415', '422', '428', '429'];

const toml = (value: unknown): string => JSON.stringify(value); // TOML basic strings and arrays read like JSON ones

/** How often a path parameter names a real object rather than a generated one. */
const REAL_OBJECT_PROBABILITY = 0.5;

/** schemathesis.toml for a run: the checks' settings, the fixtures as dictionaries, the metrics token for /metrics. */
export function schemathesisConfig(fixtures: FuzzFixtures, caller: Caller): string {
  const dictionaries: Record<string, Array<string | number>> = {
    'ticket-ids': [fixtures.ticketId],
    'customer-ids': [fixtures.customerId],
    'query-codes': [fixtures.queryCode],
    'department-ids': fixtures.departmentIds,
    'region-ids': fixtures.regionIds,
    'process-ids': fixtures.processIds,
    'process-versions': [1],
    'sla-policy-ids': fixtures.slaPolicyIds,
    'api-key-ids': [fixtures.spareKeyId],
    'webchat-channels': [fixtures.webchat.channelId],
    'webchat-origins': [fixtures.webchat.origin],
  };
  const bindings: Array<[pathRegex: string, parameter: string, dictionary: string]> = [
    ['^/api/tickets/\\{id\\}', 'path.id', 'ticket-ids'],
    ['^/api/customers/\\{id\\}', 'path.id', 'customer-ids'],
    ['^/api/track/\\{code\\}', 'path.code', 'query-codes'],
    ['^/api/departments/\\{id\\}', 'path.id', 'department-ids'],
    ['^/api/regions/\\{id\\}$', 'path.id', 'region-ids'],
    ['^/api/processes/\\{id\\}', 'path.id', 'process-ids'],
    ['^/api/processes/\\{id\\}/versions/\\{version\\}$', 'path.version', 'process-versions'],
    ['^/api/sla-policies/\\{id\\}$', 'path.id', 'sla-policy-ids'],
    ['^/api/api-keys/\\{id\\}$', 'path.id', 'api-key-ids'],
  ];
  const lines = [
    '# Written by tests/fuzz/schemathesis-run.ts for one run; see there for why each setting is what it is.',
    '[checks.positive_data_acceptance]',
    `expected-statuses = ${toml(POSITIVE_STATUSES)}`,
    '',
    '[checks.negative_data_rejection]',
    `expected-statuses = ${toml(NEGATIVE_STATUSES)}`,
    '',
    // Stateful sequences follow the document's own links. Schemathesis's inferred ones are off: dependency-analysis
    // guesses producers by name and bound a ticket's {id} to department ids (GET /api/departments → POST
    // /api/tickets/support/claim), a request the document itself calls invalid, then counted its 400 as a valid request
    // refused (npm run fuzz, seed 1212012993); location-headers follows intake's Location to the staff view, which by
    // design answers 404 until the workflow has admitted the ticket and, for agents, until it reaches one of their
    // departments, and counts that as a created resource not found (CI, admin caller). The fixture ticket still goes to
    // every staff route, as a path parameter.
    '[phases.stateful.inference]',
    `algorithms = ${toml([])}`,
    '',
    '[dictionaries]',
    ...Object.entries(dictionaries).map(([name, values]) => `${name} = { values = ${toml(values)} }`),
  ];
  for (const [regex, parameter, dictionary] of bindings) {
    lines.push('', '[[operations]]', `include-path-regex = ${toml(regex)}`, `parameters = { ${toml(parameter)} = { dictionary = ${toml(dictionary)}, probability = ${REAL_OBJECT_PROBABILITY} } }`);
  }
  // The web chat endpoints answer pages of the channel's origin only: half the time the request names the fixture
  // channel and its origin, so the handlers behind the origin check are reached; the public caller (the widget, which
  // holds no API key) also carries a visitor's token.
  const chat = fixtures.webchat;
  const webchatParameters = [`"path.channelId" = { dictionary = "webchat-channels", probability = ${REAL_OBJECT_PROBABILITY} }`, `"header.origin" = { dictionary = "webchat-origins", probability = ${REAL_OBJECT_PROBABILITY} }`];
  lines.push('', '[[operations]]', 'include-path-regex = "^/api/webchat/"', `parameters = { ${webchatParameters.join(', ')} }`);
  if (caller === 'public') lines.push(`headers = { Authorization = ${toml(`Bearer ${chat.token}`)} }`);
  if (caller === 'admin') {
    // GET /metrics takes the METRICS_TOKEN, not an API key: the admin run carries it, so the route is tested behind its check.
    lines.push('', '[[operations]]', 'include-path = "/metrics"', `headers = { Authorization = ${toml(`Bearer ${fixtures.metricsToken}`)} }`);
  }
  return `${lines.join('\n')}\n`;
}

function bearerOf(caller: Caller, fixtures: FuzzFixtures): string | undefined {
  if (caller === 'agent') return fixtures.agentKey;
  if (caller === 'admin') return fixtures.adminKey;
  return undefined;
}

/** The numbers of the summary Schemathesis prints last. */
export function parseSummary(output: string): Pick<FuzzRunResult, 'operations' | 'cases' | 'failureKinds'> {
  const selected = /Selected:\s*(\d+)\/\d+/.exec(output);
  const tested = /Tested:\s*(\d+)/.exec(output);
  const generated = /(\d+) generated/.exec(output);
  const failures = /found (\d+) unique failures/.exec(output);
  const failuresBlock = /\nFailures:\n((?:[ \t]+\S.*\n)+)/.exec(output)?.[1] ?? '';
  return {
    operations: selected && tested ? { selected: Number(selected[1]), tested: Number(tested[1]) } : undefined,
    cases: generated ? { generated: Number(generated[1]), failures: failures ? Number(failures[1]) : 0 } : undefined,
    failureKinds: failuresBlock
      .split('\n')
      .map((l) => l.replace(/^\s*\S+\s+/, '').trim())
      .filter(Boolean),
  };
}

/** Runs `st run` with every check; resolves with its exit code, output and summary (it never rejects on findings). */
export async function runSchemathesis(options: FuzzRunOptions): Promise<FuzzRunResult> {
  const { st, baseUrl, caller, fixtures, workDir } = options;
  await fs.mkdir(workDir, { recursive: true });
  const configFile = path.join(workDir, 'schemathesis.toml');
  await fs.writeFile(configFile, schemathesisConfig(fixtures, caller));
  const bearer = bearerOf(caller, fixtures);
  const args = [
    ...st.args,
    '--config-file',
    configFile,
    'run',
    `${baseUrl}/openapi.json`,
    '--url',
    baseUrl,
    '--checks',
    'all',
    '--phases',
    options.phases.join(','),
    '--max-examples',
    String(options.maxExamples),
    '--workers',
    String(options.workers),
    '--generation-database',
    'none',
    '--report',
    'junit',
    '--report-dir',
    path.join(workDir, 'reports'),
    '--no-color',
    ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
    ...(bearer ? ['--header', `Authorization: Bearer ${bearer}`] : []),
  ];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // cwd: the work dir, so no schemathesis.toml or .hypothesis of the repository is read or written.
    const child = spawn(st.python, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', PYTHONUNBUFFERED: '1' } });
    const chunks: string[] = [];
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      chunks.push(text);
      if (!options.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (partial && options.onLine) options.onLine(partial);
      const output = chunks.join('');
      resolve({ caller, exitCode: code ?? 128, output: signal ? `${output}\n(killed by ${signal})` : output, seconds: (Date.now() - started) / 1000, ...parseSummary(output) });
    });
  });
}

/** Schemathesis's findings, for a failing test's message: everything from the first failure on, at most `max` characters. */
export function findingsOf(result: FuzzRunResult, max = 20_000): string {
  const start = result.output.search(/={5,} FAILURES ={5,}|_{5,} .* _{5,}/);
  const text = start >= 0 ? result.output.slice(start) : result.output;
  return text.length <= max ? text : `${text.slice(0, max / 2)}\n… (${text.length - max} characters left out) …\n${text.slice(-max / 2)}`;
}
