/**
 * Schemathesis (a Python tool) for the OpenAPI fuzz tests: a virtual environment in the Meridian cache dir, made from
 * tests/fuzz/requirements.txt (every package pinned) the first time it is needed. The venv's directory is named by a
 * hash of that file, so editing the file makes a new one; an unfinished install (killed mid-way) is never used.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { meridianCacheDir } from '../../config/cache-dir';

export const REQUIREMENTS_FILE = path.join(__dirname, 'requirements.txt');
const STALE_INSTALL_MS = 60 * 60 * 1000;
const MIN_PYTHON: [number, number] = [3, 9];

/** How to run the Schemathesis CLI: `python -m schemathesis.cli` of the venv (console scripts do not survive a rename). */
export interface Schemathesis {
  python: string;
  /** The arguments before `run …`. */
  args: string[];
  version: string;
  venv: string;
}

/** The Python that makes the venv: MERIDIAN_PYTHON, else `python3` on PATH. */
function basePython(env: NodeJS.ProcessEnv): string {
  return env.MERIDIAN_PYTHON || 'python3';
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? path.join(venv, 'Scripts', 'python.exe') : path.join(venv, 'bin', 'python');
}

async function venvDir(env: NodeJS.ProcessEnv): Promise<string> {
  const requirements = await fs.readFile(REQUIREMENTS_FILE);
  const hash = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  return path.join(meridianCacheDir(env), 'schemathesis', hash);
}

/** `schemathesis==4.32.5` → `4.32.5`, from the requirements file. */
async function pinnedVersion(): Promise<string> {
  const text = await fs.readFile(REQUIREMENTS_FILE, 'utf8');
  const match = /^schemathesis==(\S+)/m.exec(text);
  if (!match?.[1]) throw new Error(`${REQUIREMENTS_FILE} does not pin schemathesis`);
  return match[1];
}

function probeVersion(python: string): string | undefined {
  const probe = spawnSync(python, ['-m', 'schemathesis.cli', '--version'], { encoding: 'utf8' });
  return probe.status === 0 ? /version (\S+)/.exec(probe.stdout)?.[1] : undefined;
}

/** Throws with what to install when there is no Python ≥ 3.9 with the venv module. */
function requirePython(python: string): void {
  const help =
    'The OpenAPI fuzz tests run Schemathesis, a Python tool, from a virtual environment that `npm test` creates. ' +
    `Install Python ≥ ${MIN_PYTHON.join('.')} with its venv module (Debian/Ubuntu: \`apt-get install python3 python3-venv\`), ` +
    'or name an interpreter in MERIDIAN_PYTHON.';
  const probe = spawnSync(python, ['-c', 'import sys, venv, ensurepip; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `\`${python}\` was not found` : `\`${python}\` has no venv/ensurepip module (${probe.stderr.trim().split('\n').pop()})`;
    throw new Error(`${why}. ${help}`);
  }
  const [major = 0, minor = 0] = probe.stdout.trim().split('.').map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) throw new Error(`\`${python}\` is Python ${probe.stdout.trim()}, too old. ${help}`);
}

function run(cmd: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const keep = (chunk: Buffer) => output.push(chunk.toString('utf8'));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const started = Date.now();
    const ticker = setInterval(() => log(`  … ${path.basename(cmd)} ${args[1] ?? ''}: ${Math.round((Date.now() - started) / 1000)} s`), 10_000);
    child.once('error', (err) => {
      clearInterval(ticker);
      reject(err);
    });
    child.once('close', (code) => {
      clearInterval(ticker);
      if (code === 0) return resolve();
      const tail = output.join('').trim().split('\n').slice(-30).join('\n');
      reject(new Error(`\`${cmd} ${args.join(' ')}\` exited with code ${code}:\n${tail}`));
    });
  });
}

/** Removes installs that a killed process left behind (an hour old: not one running right now). */
async function removeStaleInstalls(parent: string): Promise<void> {
  for (const name of await fs.readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith('.install-')) continue;
    const full = path.join(parent, name);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat && stat.mtimeMs < Date.now() - STALE_INSTALL_MS) await fs.rm(full, { recursive: true, force: true });
  }
}

/**
 * The Schemathesis of tests/fuzz/requirements.txt, installed (`python3 -m venv` and `pip install -r`, about 15 s) when
 * the cache has none yet. The venv is built beside its final place and renamed into it, so concurrent callers and
 * killed installs never leave a half-made venv where it is looked for.
 */
export async function ensureSchemathesis({ env = process.env, log = (line: string) => process.stderr.write(`${line}\n`) } = {}): Promise<Schemathesis> {
  const venv = await venvDir(env);
  const wanted = await pinnedVersion();
  const found = existsSync(venvPython(venv)) ? probeVersion(venvPython(venv)) : undefined;
  if (found === wanted) return { python: venvPython(venv), args: ['-m', 'schemathesis.cli'], version: found, venv };

  const python = basePython(env);
  requirePython(python);
  const parent = path.dirname(venv);
  await fs.mkdir(parent, { recursive: true });
  await removeStaleInstalls(parent);
  log(`meridian: installing Schemathesis ${wanted} for the OpenAPI fuzz tests into ${venv} (first run only; pip, from ${path.relative(process.cwd(), REQUIREMENTS_FILE)})`);
  const partial = path.join(parent, `.install-${path.basename(venv)}-${randomBytes(4).toString('hex')}`);
  try {
    await run(python, ['-m', 'venv', partial], log);
    await run(venvPython(partial), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-r', REQUIREMENTS_FILE], log);
    if (existsSync(venv) && probeVersion(venvPython(venv)) !== wanted) await fs.rm(venv, { recursive: true, force: true }); // broken (its Python gone)
    await fs.rename(partial, venv).catch(async (err: NodeJS.ErrnoException) => {
      if (!existsSync(venvPython(venv))) throw err; // otherwise another process finished first: use theirs
    });
  } finally {
    await fs.rm(partial, { recursive: true, force: true });
  }
  const version = probeVersion(venvPython(venv));
  if (version !== wanted) throw new Error(`Schemathesis in ${venv} reports version ${version ?? '(none)'}, expected ${wanted}`);
  log(`meridian: Schemathesis ${version} installed`);
  return { python: venvPython(venv), args: ['-m', 'schemathesis.cli'], version, venv };
}
