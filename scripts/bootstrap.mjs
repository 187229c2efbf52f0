// Entry point of `npm start`, `npm test` and `npm run bench` on a fresh clone. Plain Node with no dependencies,
// because it runs before node_modules exists: installs node modules when needed, then runs the TypeScript steps.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isWindows = process.platform === 'win32';
const bin = (name) => path.join(root, 'node_modules', '.bin', isWindows ? `${name}.cmd` : name);

const PLANS = {
  start: (args) => [{ title: 'start Meridian (embedded stack, API, worker)', cmd: bin('tsx'), args: ['scripts/start.ts', ...args] }],
  bench: (args) => [{ title: 'run the benchmark', cmd: bin('tsx'), args: ['bench/run.ts', ...args] }],
  test: (args) => [
    { title: 'locate or build the dev-stack binaries and the time-skipping test server', cmd: bin('tsx'), args: ['scripts/ensure-stack.ts'] },
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

/** Runs one step with inherited stdio; resolves with its exit code (128 + signal number when killed). */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: isWindows });
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    child.once('error', (err) => {
      process.stderr.write(`meridian: could not run ${cmd}: ${err.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      process.removeListener('SIGTERM', forward);
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

// Ctrl-C reaches the running step directly (same process group); stay alive to report its exit code.
process.on('SIGINT', () => {});

const steps = plan(extra);
const install = !nodeModulesUpToDate();
const total = steps.length + (install ? 1 : 0);
let step = 0;
if (install) {
  const why = existsSync(path.join(root, 'node_modules')) ? 'package-lock.json changed' : 'no node_modules yet';
  header(++step, total, `install node modules (npm ci: ${why})`);
  const code = await run('npm', ['ci']);
  if (code !== 0) process.exit(code);
}
for (const { title, cmd, args } of steps) {
  header(++step, total, title);
  const started = Date.now();
  const code = await run(cmd, args);
  if (code !== 0) {
    process.stderr.write(`✖ meridian ${command}: "${title}" failed with exit code ${code}\n`);
    process.exit(code);
  }
  if (command === 'test') process.stderr.write(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
