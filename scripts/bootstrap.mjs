// Entry point of `npm start`, `npm test`, `npm run bench`, `npm run fuzz`, `npm run soak` and `npm run migrate` on a fresh clone. Plain Node with no
// dependencies, because it runs before node_modules exists: installs node modules when needed, then runs the
// TypeScript steps.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchNpmLauncher } from './launcher-watch.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);

const PLANS = {
  // node --import tsx (not the tsx CLI, which adds a process in between): start.ts is our direct child, so it can
  // notice when this process dies, even by SIGKILL, and stop everything (scripts/start/supervisor.ts).
  start: (args) => [
    { title: 'start Meridian (embedded stack, API, worker)', cmd: process.execPath, args: ['--import', 'tsx', 'scripts/start.ts', ...args] },
  ],
  bench: (args) => [{ title: 'run the benchmark', cmd: bin('tsx'), args: ['bench/run.ts', ...args] }],
  fuzz: (args) => [{ title: 'fuzz the API from its OpenAPI document (Schemathesis)', cmd: bin('tsx'), args: ['tests/fuzz/run-fuzz.ts', ...args] }],
  soak: (args) => [{ title: 'run the chaos soak', cmd: bin('tsx'), args: ['soak/soak.ts', ...args] }],
  migrate: (args) => [{ title: 'index migration (MONGODB_URI)', cmd: bin('tsx'), args: ['scripts/migrate.ts', ...args] }],
  test: (args) => [
    { title: 'locate or build the dev-stack binaries and the time-skipping test server', cmd: bin('tsx'), args: ['scripts/ensure-stack.ts'] },
    { title: 'locate or install Schemathesis for the OpenAPI fuzz tests (a Python venv)', cmd: bin('tsx'), args: ['tests/fuzz/ensure-schemathesis.ts'] },
    { title: 'type-check (tsc --noEmit)', cmd: bin('tsc'), args: ['--noEmit'] },
    { title: 'lint (eslint .)', cmd: bin('eslint'), args: ['.'] },
    { title: `jest${args.length ? ` ${args.join(' ')}` : ''}`, cmd: bin('jest'), args },
  ],
};

/** node_modules is usable when it exists and is at least as new as package-lock.json. */
function nodeModulesUpToDate() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json'); // written by npm at the end of an install
  if (!existsSync(marker)) return false;
  return !existsSync(lock) || statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

function header(step, total, title) {
  process.stderr.write(`\n▶ meridian ${command} [${step}/${total}] ${title}\n`);
}

// Signals that stop a step. Each is forwarded to the running step: a service manager (or `kill <pid>`) signals this
// process alone, not its process group as Ctrl-C in a terminal does. Handlers in start.ts accept a repeat.
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let stopSignal;

/** Runs one step with inherited stdio; resolves with its exit code (128 + signal number when killed). */
function run(cmd, args) {
  return new Promise((resolve) => {
    const env = { ...process.env, MERIDIAN_SUPERVISOR_PID: String(process.pid) };
    // A shell only for the .cmd shims of node_modules/.bin and npm on Windows (process.execPath may contain spaces).
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: isWindows && cmd !== process.execPath, env });
    const forward = (signal) => {
      stopSignal ??= signal;
      child.kill(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, forward);
    child.once('error', (err) => {
      process.stderr.write(`meridian: could not run ${cmd}: ${err.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      for (const name of STOP_SIGNALS) process.removeListener(name, forward);
      resolve(code ?? 128 + (constants.signals[signal] ?? 1));
    });
  });
}

const [command, ...extra] = process.argv.slice(2);
const plan = PLANS[command];
if (!plan) {
  process.stderr.write(`usage: node scripts/bootstrap.mjs ${Object.keys(PLANS).join('|')} [args…]\n`);
  process.exit(2);
}
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 10)) {
  process.stderr.write(`meridian: Node ${process.versions.node} is too old; install Node ≥ 20.10 (https://nodejs.org).\n`);
  process.exit(1);
}

// Between steps a stop signal only ends the plan; during a step run() forwards it. Either way this process stays
// alive until the step exited, to report its exit code.
for (const signal of STOP_SIGNALS) process.on(signal, () => (stopSignal ??= signal));
// `kill -9` of npm (or npm's SIGTERM, which kills only its shell) must not leave the product running without us.
watchNpmLauncher(() => {
  process.stderr.write('meridian: npm exited; stopping\n');
  process.kill(process.pid, 'SIGTERM');
});

const steps = plan(extra);
const install = !nodeModulesUpToDate();
const total = steps.length + (install ? 1 : 0);
let step = 0;
if (install) {
  const why = existsSync(path.join(root, 'node_modules')) ? 'package-lock.json changed' : 'no node_modules yet';
  header(++step, total, `install node modules (npm ci: ${why})`);
  const code = await run('npm', ['ci']);
  if (code !== 0 || stopSignal) process.exit(code);
}
for (const { title, cmd, args } of steps) {
  header(++step, total, title);
  const started = Date.now();
  const code = await run(cmd, args);
  if (stopSignal) process.exit(code);
  if (code !== 0) {
    process.stderr.write(`✖ meridian ${command}: "${title}" failed with exit code ${code}\n`);
    process.exit(code);
  }
  if (command === 'test') process.stderr.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
